using System.CommandLine;
using ScoreCockpit.Engine.PushDown;

namespace ScoreCockpit.Cli.PushDown;

/// <summary>`--execution auto|in-process|in-warehouse`: where a run executes, over the score's and its connection's settings.</summary>
public static class ExecutionOption
{
    public static Option<string?> Create(string what) => new("--execution")
    {
        Description = $"{what}: in-process (the kernel reads the rows) or in-warehouse (the version runs as SQL where the rows live). " +
            "Default: the score's setting, else its connection's, else auto (the faster one measured).",
        HelpName = "auto|in-process|in-warehouse",
    };

    /// <summary>The option's value; an unknown one is refused with the three that exist.</summary>
    public static Execution? Read(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } text ? ExecutionNames.Parse(text, "--execution") : null;
}
