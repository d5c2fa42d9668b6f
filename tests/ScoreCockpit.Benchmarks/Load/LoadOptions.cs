using System.Globalization;

namespace ScoreCockpit.Benchmarks.Load;

/// <summary>
/// `load [--users N] [--minutes M] [--think-ms T] [--out FILE] [--no-build] [--demo-from DIR]`: what the load run does
/// and for how long. --demo-from copies a data folder where `scorecockpit init --demo` ran, instead of letting the
/// portal install the demo, which takes minutes on a busy machine.
/// </summary>
public sealed record LoadOptions(int Users = 20, double Minutes = 10, int ThinkMs = 1000, string? Out = null, bool NoBuild = false,
    string? DemoFrom = null)
{
    public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value, e.g. --users 20.");
            options = args[i] switch
            {
                "--users" => options with { Users = Positive("--users", Value()) },
                "--minutes" => options with { Minutes = PositiveDecimal("--minutes", Value()) },
                "--think-ms" => options with { ThinkMs = Positive("--think-ms", Value(), allowZero: true) },
                "--out" => options with { Out = Value() },
                "--no-build" => options with { NoBuild = true },
                "--demo-from" => options with { DemoFrom = Folder(Value()) },
                _ => throw new ArgumentException(
                    $"Unknown option {args[i]}. Use: load [--users N] [--minutes M] [--think-ms T] [--out FILE.md] [--no-build] [--demo-from DIR]."),
            };
        }

        return options;
    }

    private static string Folder(string path) => File.Exists(Path.Combine(path, "cockpit.db"))
        ? Path.GetFullPath(path)
        : throw new ArgumentException($"--demo-from {path} has no cockpit.db: give a data folder prepared with `scorecockpit init --demo --data DIR`.");

    private static int Positive(string name, string text, bool allowZero = false) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && (value > 0 || (allowZero && value == 0))
            ? value
            : throw new ArgumentException($"{name} {text} is not a whole number{(allowZero ? " of 0 or more" : " above 0")}.");

    private static double PositiveDecimal(string name, string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} {text} is not a number above 0 (a dot for decimals, e.g. 0.5).");
}
