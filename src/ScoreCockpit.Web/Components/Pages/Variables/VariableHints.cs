using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Web.Components.Pages.Variables;

/// <summary>What the Variables page tells people about each type and each built-in variable, in the reader's language.</summary>
public static class VariableHints
{
    /// <summary>The page's texts in the current UI language, for callers without an injected localizer.</summary>
    private static readonly IStringLocalizer Default =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(VariablesText));

    public static string Precedence(IStringLocalizer? words = null) => (words ?? Default)["Precedence"];

    /// <summary>How to write a value of the type, with an example.</summary>
    public static string For(VariableType type, IStringLocalizer? words = null) =>
        Enum.IsDefined(type) ? (words ?? Default)["Hint" + type] : "";

    public static string Label(VariableType type, IStringLocalizer? words = null) =>
        Enum.IsDefined(type) ? (words ?? Default)["Type" + type] : type.ToString();

    /// <summary>A built-in variable: its type and what the engine puts in it.</summary>
    public sealed record BuiltIn(string Name, VariableType Type, string Holds);

    /// <summary>The built-in variables, described in the current UI language.</summary>
    public static IReadOnlyList<BuiltIn> BuiltIns => BuiltInsIn(Default);

    public static IReadOnlyList<BuiltIn> BuiltInsIn(IStringLocalizer words) => [.. BuiltInVariables.Names.Select(n => Describe(n, words))];

    private static BuiltIn Describe(string name, IStringLocalizer words) => name switch
    {
        BuiltInVariables.DateRef => new(name, VariableType.Date, words["HoldsDateRef"]),
        BuiltInVariables.DateRefYearMonth => new(name, VariableType.Integer, words["HoldsDateRefYearMonth"]),
        BuiltInVariables.LabelEnd => new(name, VariableType.Date, words["HoldsLabelEnd"]),
        _ => new(name, VariableType.Text, words["HoldsOther"]),
    };
}
