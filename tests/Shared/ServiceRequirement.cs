using Xunit;

namespace ScoreCockpit.Tests.Shared;

/// <summary>
/// Tests that need a real service (PostgreSQL, Chromium) skip locally when it is missing, with a
/// message saying what to install; when the CI environment variable is set they fail instead.
/// </summary>
public static class ServiceRequirement
{
    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static void Missing(string what, string howToInstall)
    {
        var message = $"{what} is not available: {howToInstall}";
        if (InCi)
        {
            Assert.Fail($"{message} (CI is set, so a missing service fails the run).");
        }

        Assert.Skip(message);
    }
}
