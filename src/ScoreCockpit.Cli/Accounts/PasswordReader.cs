using System.Text;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Cli.Accounts;

/// <summary>A new password: the first line of piped input, or typed twice without echo at a terminal.</summary>
public static class PasswordReader
{
    public static string Read(CliConsole console)
    {
        if (console.IsInputRedirected)
        {
            return console.In.ReadLine()
                ?? throw new CockpitValidationException(
                    "No password on standard input: pipe it as the first line, or run the command at a terminal to be prompted.");
        }

        try
        {
            var first = Prompt(console, "Password: ");
            var second = Prompt(console, "Repeat the password: ");
            return first == second
                ? first
                : throw new CockpitValidationException("The two passwords differ. Run the command again.");
        }
        catch (InvalidOperationException)
        {
            // Console.ReadKey's answer when there is no terminal to read keys from.
            throw new CockpitValidationException(
                "There is no terminal to type the password in: pipe it as the first line of standard input.");
        }
    }

    /// <summary>Reads a line typed at the terminal without echoing it; the label goes to standard error.</summary>
    internal static string Prompt(CliConsole console, string label)
    {
        // Prompts go to standard error so standard output carries only the result.
        console.Error.Write(label);
        var typed = new StringBuilder();
        for (var key = console.ReadKey(); key.Key != ConsoleKey.Enter; key = console.ReadKey())
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        console.Error.WriteLine();
        return typed.ToString();
    }
}
