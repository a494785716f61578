using Registry.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Registry.Cli.Rendering;

/// <summary>A programme for people: what it is, each attribute's best value with every competing one, organisations, marks.</summary>
public static class ProgramView
{
    public static void Write(IAnsiConsole console, V1.Program program)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(program);
        console.WriteLine($"{program.Id}: {program.Name}");
        console.WriteLine($"  kind {Names.Of(program.Kind)}, country {program.Country}, status {Names.Of(program.Status)}, version {program.Version}, log position {Formats.Position(program.Position)}");
        console.WriteLine();
        console.Write(Attributes(program));
        console.WriteLine();
        console.Write(Organisations(program));
        var lifecycle = program.Claims.Where(c => c.Kind is Claim.Types.Kind.Lifecycle or Claim.Types.Kind.Denial).ToList();
        if (lifecycle.Count > 0)
        {
            console.WriteLine();
            console.Write(Lifecycle(lifecycle));
        }
    }

    private static Table Attributes(V1.Program program)
    {
        var table = Table("attribute", "value", "source", "claim", "flags");
        foreach (var attribute in program.Attributes)
        {
            var flags = attribute.Conflict ? $"CONFLICT ({attribute.Competing.Count} values)" : "";
            table.AddRow(Cells(attribute.Attribute, Formats.Value(attribute.Best?.Value), Formats.Source(attribute.Best?.Provenance), attribute.Best?.ClaimId ?? "",
                Join(flags, attribute.Best is null ? "" : Formats.Marks(attribute.Best))));
            // The competing values include the best one, already on the line above.
            foreach (var competing in attribute.Competing.Where(c => c.ClaimId != attribute.Best?.ClaimId))
                table.AddRow(Cells("", "  vs " + Formats.Value(competing.Value), Formats.Source(competing.Provenance), competing.ClaimId, Formats.Marks(competing)));
        }
        return table;
    }

    private static Table Organisations(V1.Program program)
    {
        var table = Table("organisation", "role", "country", "source", "claim", "marks");
        foreach (var organisation in program.Organisations)
        {
            var name = organisation.Aliases.Count == 0 ? organisation.Organisation : $"{organisation.Organisation} (aka {string.Join(", ", organisation.Aliases)})";
            table.AddRow(Cells(name, Names.Of(organisation.Role), organisation.OrganisationCountry, Formats.Source(organisation.Provenance), organisation.ClaimId, Formats.Marks(organisation)));
        }
        return table;
    }

    private static Table Lifecycle(List<Claim> claims)
    {
        var table = Table("lifecycle / denial", "when", "value", "source", "claim", "marks");
        foreach (var claim in claims)
        {
            var what = claim.Kind == Claim.Types.Kind.Denial ? $"denial by {claim.DeniedBy} of {string.Join(", ", claim.Denies)}" : Names.Of(claim.Stage);
            table.AddRow(Cells(what, Formats.Date(claim.ValidTime), Formats.Value(claim.Value), Formats.Source(claim.Provenance), claim.ClaimId, Formats.Marks(claim)));
        }
        return table;
    }

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in columns)
            table.AddColumn(new TableColumn(new Text(column)));
        return table;
    }

    /// <summary>Cells as plain text: source wording can hold '[' which Spectre would read as markup.</summary>
    public static IRenderable[] Cells(params string[] texts) => texts.Select(t => (IRenderable)new Text(t)).ToArray();

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : $"{a}; {b}";
}
