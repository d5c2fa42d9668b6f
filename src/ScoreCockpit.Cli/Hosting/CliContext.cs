using System.CommandLine;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Cli.Hosting;

/// <summary>What every verb of one run shares: the console and the global options (built per run, never shared).</summary>
public sealed class CliContext(CliConsole console)
{
    public CliConsole Console { get; } = console;

    /// <summary>`--data DIR`, accepted before or after the verb.</summary>
    public Option<string?> Data { get; } = new("--data")
    {
        Description = $"Data folder (default: the {DataFolder.EnvironmentVariable} environment variable, else ./data).",
        HelpName = "DIR",
        Recursive = true,
    };
}
