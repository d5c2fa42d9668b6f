namespace ScoreCockpit.Cli.Hosting;

public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>System.CommandLine's code for an unknown verb or option, a missing value, and unexpected failures.</summary>
    public const int UsageError = 1;

    /// <summary>The request was understood but cannot be carried out as given: fix the input or the set-up.</summary>
    public const int BadInput = 2;

    /// <summary>The command ran but what it ran failed (a scenario step failed or was interrupted).</summary>
    public const int RunFailed = 3;
}
