using ScoreCockpit.Cli.Hosting;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

public sealed class UsersAddCommandTests : IDisposable
{
    private const string GoodPassword = "Correct-Horse-42";
    private readonly CliSandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Adds_a_user_with_the_password_from_standard_input()
    {
        var result = await sandbox.RunAsync(
            GoodPassword + "\n", "users", "add", "--email", "ada@example.com", "--role", "analyst", "--role", "Viewer");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal("Added ada@example.com with roles: Analyst, Viewer", result.Output.Trim());
        Assert.Equal(["Analyst", "Viewer"], await sandbox.StoredRolesAsync("ada@example.com"));
    }

    [Fact]
    public async Task The_data_option_is_accepted_after_the_verb_and_the_environment_variable_is_the_fallback()
    {
        var afterVerb = await sandbox.RunRawAsync(
            new StringReader(GoodPassword),
            ["users", "add", "--email", "a@example.com", "--role", "Admin", "--data", sandbox.DataPath]);
        sandbox.Environment["SCORECOCKPIT_DATA"] = sandbox.DataPath;
        var fromEnvironment = await sandbox.RunRawAsync(
            new StringReader(GoodPassword), ["users", "add", "--email", "b@example.com", "--role", "Viewer"]);

        Assert.Equal(ExitCodes.Ok, afterVerb.ExitCode);
        Assert.Equal(ExitCodes.Ok, fromEnvironment.ExitCode);
        Assert.Equal(["Admin"], await sandbox.StoredRolesAsync("a@example.com"));
        Assert.Equal(["Viewer"], await sandbox.StoredRolesAsync("b@example.com"));
    }

    [Fact]
    public async Task A_weak_password_is_refused_naming_the_rule()
    {
        var result = await sandbox.RunAsync("short\n", "users", "add", "--email", "bob@example.com", "--role", "Viewer");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("at least 10 characters", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ScoreCockpit", result.Error, StringComparison.Ordinal);
        Assert.Null(await sandbox.StoredRolesAsync("bob@example.com"));
    }

    [Fact]
    public async Task A_taken_email_is_refused()
    {
        await sandbox.RunAsync(GoodPassword, "users", "add", "--email", "eve@example.com", "--role", "Viewer");

        var result = await sandbox.RunAsync(GoodPassword, "users", "add", "--email", "eve@example.com", "--role", "Admin");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("already taken", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Equal(["Viewer"], await sandbox.StoredRolesAsync("eve@example.com"));
    }

    [Fact]
    public async Task An_unknown_role_is_refused_naming_the_valid_ones()
    {
        var result = await sandbox.RunAsync(GoodPassword, "users", "add", "--email", "sam@example.com", "--role", "Boss");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("error: Unknown role 'Boss'. Use Viewer, Analyst, Admin.", result.Error.Trim());
    }

    [Fact]
    public async Task An_unwritable_data_folder_is_named()
    {
        var file = Path.Combine(sandbox.Root, "a-file");
        await File.WriteAllTextAsync(file, "not a folder", TestContext.Current.CancellationToken);
        var below = Path.Combine(file, "data");

        var result = await sandbox.RunRawAsync(
            new StringReader(GoodPassword),
            ["--data", below, "users", "add", "--email", "kim@example.com", "--role", "Viewer"]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains($"'{below}'", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_bad_store_provider_is_a_setup_error()
    {
        sandbox.Environment["Store__Provider"] = "Oracle";

        var result = await sandbox.RunAsync(GoodPassword, "users", "add", "--email", "x@example.com", "--role", "Viewer");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("Store:Provider 'Oracle' is not supported", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_standard_input_is_refused()
    {
        var result = await sandbox.RunAsync("", "users", "add", "--email", "x@example.com", "--role", "Viewer");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("No password on standard input", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_a_terminal_the_password_is_typed_twice_without_echo()
    {
        var keys = new Queue<ConsoleKeyInfo>(Type(GoodPassword + "x\b").Concat(Type(GoodPassword)));
        var result = await sandbox.RunRawAsync(
            TextReader.Null,
            ["--data", sandbox.DataPath, "users", "add", "--email", "tty@example.com", "--role", "Admin"],
            keys.Dequeue);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain(GoodPassword, result.Error + result.Output, StringComparison.Ordinal);
        Assert.Contains("Password: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(["Admin"], await sandbox.StoredRolesAsync("tty@example.com"));
    }

    [Fact]
    public async Task Two_different_typed_passwords_are_refused()
    {
        var keys = new Queue<ConsoleKeyInfo>(Type(GoodPassword).Concat(Type(GoodPassword + "!")));
        var result = await sandbox.RunRawAsync(
            TextReader.Null,
            ["--data", sandbox.DataPath, "users", "add", "--email", "tty@example.com", "--role", "Admin"],
            keys.Dequeue);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("passwords differ", result.Error, StringComparison.Ordinal);
        Assert.Null(await sandbox.StoredRolesAsync("tty@example.com"));
    }

    [Fact]
    public async Task Without_a_terminal_or_piped_input_the_password_cannot_be_asked()
    {
        var result = await sandbox.RunRawAsync(
            TextReader.Null,
            ["--data", sandbox.DataPath, "users", "add", "--email", "tty@example.com", "--role", "Admin"],
            () => throw new InvalidOperationException("Cannot read keys when the console input has been redirected."));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("no terminal to type the password in", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_option_or_an_unknown_verb_is_a_usage_error()
    {
        var missingRole = await sandbox.RunAsync(GoodPassword, "users", "add", "--email", "x@example.com");
        var unknownVerb = await sandbox.RunAsync("", "users", "frobnicate");

        Assert.Equal(ExitCodes.UsageError, missingRole.ExitCode);
        Assert.Contains("--role", missingRole.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, unknownVerb.ExitCode);
        Assert.Contains("frobnicate", unknownVerb.Error, StringComparison.Ordinal);
    }

    /// <summary>Keystrokes for the text, then Enter; a backspace character becomes the Backspace key.</summary>
    private static IEnumerable<ConsoleKeyInfo> Type(string text) =>
        text.Select(c => c == '\b'
                ? new ConsoleKeyInfo('\b', ConsoleKey.Backspace, false, false, false)
                : new ConsoleKeyInfo(c, 0, false, false, false))
            .Append(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false));
}
