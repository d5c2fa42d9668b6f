using Xunit;

namespace ScoreCockpit.Web.Tests.Localization;

/// <summary>No component writes words people read straight into its markup: they come from the resources, so the
/// portal speaks the reader's language everywhere.</summary>
public sealed class TextInMarkupTests
{
    /// <summary>Brand names, acronyms and units that read the same in English and French.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "ScoreCockpit", "AUC", "PSI", "KS", "Gini", "SQL", "CSV", "YAML", "JSON", "Excel", "MB", "Brier", "log-loss", "OK",
        "ms", "Kubernetes", "DuckDB", "SQLite", "PostgreSQL", "Teradata", "SMTP", "ML.NET", "NET", "ML", "LightGBM", "FastTree",
    };

    [Fact]
    public void No_component_has_literal_text_in_its_markup()
    {
        var components = SourceFiles.Under(Path.Combine("ScoreCockpit.Web", "Components"), "*.razor").ToList();
        Assert.True(components.Count >= 50, $"only {components.Count} components were found");
        var found = components
            .SelectMany(file => RazorMarkupText.Find(File.ReadAllText(file), Allowed).Select(t => $"{SourceFiles.Relative(file)}:{t.Line}: {t.Text}"))
            .ToList();
        Assert.True(found.Count == 0, $"{found.Count} literal texts; put them in the folder's resources:{Environment.NewLine}{string.Join(Environment.NewLine, found)}");
    }

    [Fact]
    public void The_scanner_finds_element_text_and_read_attributes()
    {
        const string razor = """
            @page "/x"
            @inject IStringLocalizer<X> L
            <PageTitle>Sign in · ScoreCockpit</PageTitle>
            <MudTextField Label="Email" Class="mt-2 d-flex" @bind-Value="_email" />
            <MudTooltip Text="@L["Tip"]"><span title="Open @Name now">@L["Open"]</span></MudTooltip>
            @if (_a > 2)
            {
                <p>@L["Many"] @_count.ToString("N0")</p>
            }
            else
            {
                <p>Nothing yet</p>
            }
            @* A comment with words is not text. *@
            @code {
                private string Message => "Not markup";
            }
            """;
        var found = RazorMarkupText.Find(razor, new HashSet<string> { "ScoreCockpit" });
        Assert.Equal(["Sign in · ScoreCockpit", "Email", "Open now", "Nothing yet"], found.Select(f => f.Text));
        Assert.Equal([3, 4, 5, 12], found.Select(f => f.Line));
    }

    [Fact]
    public void Localised_markup_and_code_inside_blocks_pass()
    {
        const string razor = """
            <MudSelect T="string" Label="@L["Language"]" aria-label="@L["Language"]">
                @foreach (var (lang, key) in Choices)
                {
                    var shown = L[key];
                    <MudSelectItem Value="@lang">@shown (@lang.ToUpperInvariant())</MudSelectItem>
                }
            </MudSelect>
            @switch (_kind)
            {
                case Kind.A:
                    <span>@L["A"]</span>
                    break;
                default:
                    <span>— AUC · PSI %</span>
                    break;
            }
            <MudText>@(_x is null ? L["None"] : $"{_x}")</MudText>
            <p>@L["Example"] <code>check('volumetry') != 'ERROR'</code></p>
            """;
        Assert.Empty(RazorMarkupText.Find(razor, new HashSet<string> { "AUC", "PSI" }));
    }
}
