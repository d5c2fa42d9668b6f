namespace ScoreCockpit.Cli;

/// <summary>
/// What the command line reads and writes: its streams, whether input is piped, the keyboard for
/// prompts without echo, and the environment. Tests build one over strings and a fixed environment.
/// </summary>
public sealed class CliConsole(TextReader input, TextWriter output, TextWriter error)
{
    public TextReader In { get; } = input;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>When true, a password is read as the first line of <see cref="In"/>; otherwise it is prompted.</summary>
    public bool IsInputRedirected { get; init; } = true;

    /// <summary>Reads one key without echoing it (used only when input is not redirected).</summary>
    public Func<ConsoleKeyInfo> ReadKey { get; init; } = () => Console.ReadKey(intercept: true);

    /// <summary>Environment variable lookup; the process environment unless a test replaces it.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    public static CliConsole FromProcess() =>
        new(Console.In, Console.Out, Console.Error) { IsInputRedirected = Console.IsInputRedirected };
}
