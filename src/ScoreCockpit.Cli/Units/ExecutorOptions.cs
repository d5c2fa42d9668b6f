using System.CommandLine;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Units;

namespace ScoreCockpit.Cli.Units;

/// <summary>`--executor in-process|process|kubernetes --workers N`: where this run's units go, over the installation's Units:Executor.</summary>
public sealed class ExecutorOptions
{
    public Option<string?> Executor { get; } = new("--executor")
    {
        Description = "Where the units run: in-process (here), process (child processes of this machine) or kubernetes (Jobs). " +
            "Default: the installation's Units:Executor.",
        HelpName = "in-process|process|kubernetes",
    };

    public Option<int?> Workers { get; } = new("--workers")
    {
        Description = "How many units run at once. Default: Units:Workers, or one per core for processes.",
        HelpName = "N",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Executor);
        command.Options.Add(Workers);
    }

    /// <summary>The choice for this run; an unknown executor or a count below 1 is refused with what to give.</summary>
    public ExecutorChoice Read(ParseResult parse, UnitDispatcher dispatcher)
    {
        ExecutorKind? kind;
        try
        {
            kind = parse.GetValue(Executor) is { } text ? UnitSettings.ParseExecutor(text, "--executor") : null;
        }
        catch (CockpitSetupException e)
        {
            throw new CockpitValidationException(e.Message);
        }

        var workers = parse.GetValue(Workers);
        return workers is < 1
            ? throw new CockpitValidationException($"--workers is {workers}: give how many units run at once, 1 or more.")
            : dispatcher.Choose(kind, workers);
    }
}
