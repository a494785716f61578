using System.Text.RegularExpressions;
using Registry.EventStoreDb.Connection;
using Registry.Testing;

namespace Registry.EventStoreDb.Tests;

public sealed class ConnectionStringTests
{
    [Fact]
    public void A_cluster_connection_string_with_credentials_and_settings()
    {
        var settings = ConnectionString.Parse(
            "esdb://admin:chan%40geit@node1.example:2113,node2.example:2114,node3.example/?tls=true&TLSVerifyCert=false&nodePreference=Follower&defaultDeadline=2500&gossipTimeout=700&maxDiscoverAttempts=4&connectionName=registry-1");

        Assert.Equal([new Endpoint("node1.example", 2113), new Endpoint("node2.example", 2114), new Endpoint("node3.example", 2113)], settings.Hosts);
        Assert.False(settings.Discover);
        Assert.True(settings.UsesGossip);
        Assert.True(settings.Tls);
        Assert.False(settings.TlsVerifyCert);
        Assert.Equal(("admin", "chan@geit"), (settings.UserName, settings.Password));
        Assert.Equal(NodePreference.Follower, settings.NodePreference);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), settings.DefaultDeadline);
        Assert.Equal(TimeSpan.FromMilliseconds(700), settings.GossipTimeout);
        Assert.Equal(4, settings.MaxDiscoverAttempts);
        Assert.Equal("registry-1", settings.ConnectionName);
    }

    [Theory]
    [InlineData("esdb://localhost")]
    [InlineData("kurrentdb://localhost:2113")]
    [InlineData("kurrent://localhost")]
    [InlineData("kdb://localhost/")]
    public void One_node_defaults_to_tls_the_leader_and_port_2113(string connectionString)
    {
        var settings = ConnectionString.Parse(connectionString);

        Assert.Equal([new Endpoint("localhost", 2113)], settings.Hosts);
        Assert.True(settings.Tls);
        Assert.True(settings.TlsVerifyCert);
        Assert.False(settings.UsesGossip);
        Assert.Null(settings.UserName);
        Assert.Equal(NodePreference.Leader, settings.NodePreference);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.DefaultDeadline);
    }

    [Theory]
    [InlineData("esdb+discover://cluster.example:2113?tls=false")]
    [InlineData("kurrentdb+discover://cluster.example:2113?tls=false")]
    public void Discover_reads_gossip_even_from_one_seed(string connectionString)
    {
        var settings = ConnectionString.Parse(connectionString);

        Assert.True(settings.Discover);
        Assert.True(settings.UsesGossip);
        Assert.False(settings.Tls);
    }

    [Fact]
    public void An_ipv6_literal_keeps_its_port()
    {
        Assert.Equal([new Endpoint("::1", 2200)], ConnectionString.Parse("esdb://[::1]:2200?tls=false").Hosts);
    }

    [Theory]
    [InlineData("localhost:2113", "must start with")]
    [InlineData("http://localhost:2113", "unknown scheme 'http'")]
    [InlineData("esdb://localhost?tls=maybe", "'tls' must be true or false")]
    [InlineData("esdb://localhost?nodePreference=nearest", "nodePreference must be")]
    [InlineData("esdb://localhost?defaultDeadline=-5", "'defaultDeadline' must be a positive whole number")]
    [InlineData("esdb://localhost?keepAliveTimeout=500", "'keepAliveTimeout' must be at least 1000")]
    [InlineData("esdb://localhost:99999", "no valid port")]
    [InlineData("esdb://localhost?colour=blue", "unknown setting 'colour'")]
    [InlineData("esdb://localhost?userCertFile=/x.pem", "not supported")]
    [InlineData("esdb://admin@localhost", "user:password@")]
    [InlineData("esdb://a,,b", "a host is missing")]
    public void A_bad_connection_string_is_refused_naming_the_problem(string connectionString, string problem)
    {
        var error = Assert.Throws<FormatException>(() => ConnectionString.Parse(connectionString));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_never_appears_in_an_error()
    {
        var error = Assert.Throws<FormatException>(() => ConnectionString.Parse("esdb://admin:hunter2@localhost?tls=maybe"));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("admin:***@localhost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_connection_string_of_the_deployment_files_parses_as_a_verified_tls_cluster()
    {
        var compose = File.ReadAllText(Path.Combine(ThirdPartyClient.RepoRoot, "deploy", "docker-compose.yml"));
        var written = Regex.Match(compose, "REGISTRY_Storage__EventStoreDb__ConnectionString: \"([^\"]+)\"").Groups[1].Value;

        var settings = ConnectionString.Parse(written);

        Assert.Equal(["kurrentdb-1", "kurrentdb-2", "kurrentdb-3"], settings.Hosts.Select(h => h.Host));
        Assert.True(settings.UsesGossip);
        Assert.True(settings.Tls);
        Assert.True(settings.TlsVerifyCert);
        Assert.NotNull(settings.TlsCaFile);
        Assert.Equal("admin", settings.UserName);
    }
}
