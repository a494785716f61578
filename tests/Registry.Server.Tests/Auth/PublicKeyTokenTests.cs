using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Client;
using Registry.Client.Credentials;
using Registry.EventStore.Tests;
using Grpc.Core;
using Registry.V1;

namespace Registry.Server.Tests.Auth;

/// <summary>
/// With the issuer's public key (Auth:Jwt:PublicKeyFile) the registry holds no secret: tokens signed with the
/// matching private key get in; a token "signed" with HMAC over the public key (algorithm confusion) does not.
/// </summary>
public sealed class PublicKeyTokenTests
{
    [Fact]
    public async Task Tokens_signed_by_the_issuers_private_key_get_in_and_hmac_over_the_public_key_does_not()
    {
        using var folder = new TempFolder();
        using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicPem = issuerKey.ExportSubjectPublicKeyInfoPem();
        var pemFile = Path.Combine(folder.Path, "issuer.pem");
        await File.WriteAllTextAsync(pemFile, publicPem);
        await using var registry = await TestRegistry.StartAsync(settings: ["--Auth:Jwt:SigningKey=", $"--Auth:Jwt:PublicKeyFile={pemFile}"]);

        var signed = Token(new SigningCredentials(new ECDsaSecurityKey(issuerKey), SecurityAlgorithms.EcdsaSha256));
        var confused = Token(new SigningCredentials(new SymmetricSecurityKey(Encoding.ASCII.GetBytes(publicPem)), SecurityAlgorithms.HmacSha256));
        var oldSecret = TestCredentials.Token("svc", [Registry.Server.Auth.Roles.Reader]);

        var listed = await ListAsync(registry, signed);
        var confusion = await Programs.RegistryFixture.FailsAsync(ListAsync(registry, confused));
        var withOldSecret = await Programs.RegistryFixture.FailsAsync(ListAsync(registry, oldSecret));

        Assert.NotNull(listed);
        Assert.Equal(StatusCode.Unauthenticated, confusion.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, withOldSecret.StatusCode);
    }

    private static Task<ListProgramsResponse> ListAsync(TestRegistry registry, Credential credential) =>
        registry.ClientFor(credential).Queries.ListProgramsAsync(new ListProgramsRequest(), Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;

    private static Credential.Bearer Token(SigningCredentials signing) => new(new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = TestCredentials.Issuer,
        Audience = TestCredentials.Audience,
        Subject = new ClaimsIdentity([new System.Security.Claims.Claim("sub", "ec-client"), new System.Security.Claims.Claim("roles", Registry.Server.Auth.Roles.Reader)]),
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = signing,
    }));
}
