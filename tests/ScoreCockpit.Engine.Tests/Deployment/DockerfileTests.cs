using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Deployment;

/// <summary>
/// What can be checked of the Dockerfile without building it: the promises the Kubernetes manifests and the unit Jobs
/// rely on (a numeric non-root user, `scorecockpit` on the PATH, both programs published) and that it keeps up with the
/// repository (target framework, projects, the command line's assembly name).
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly IReadOnlyList<string> Instructions = Parse(DeploymentFiles.Read("Dockerfile"));

    /// <summary>The image's user, from `USER 10001:10001`.</summary>
    public static long ImageUid() =>
        long.Parse(Assert.Single(Instructions, i => i.StartsWith("USER ", StringComparison.Ordinal))[5..].Split(':')[0], CultureInfo.InvariantCulture);

    /// <summary>The image's SCORECOCKPIT_DATA.</summary>
    public static string ImageDataFolder() => EnvironmentValue().Match(Single("ENV ")).Groups["folder"].Value;

    [Fact]
    public void The_image_runs_as_a_numeric_non_root_user()
    {
        // Kubernetes checks runAsNonRoot against a number only; a user name would stop every unit Job from starting.
        Assert.Matches(@"^USER [0-9]+:[0-9]+$", Single("USER "));
        Assert.NotEqual(0, ImageUid());
    }

    [Fact]
    public void Both_programs_are_published_and_the_portal_is_the_entrypoint()
    {
        var publish = Single("RUN dotnet publish ");

        Assert.Contains("src/ScoreCockpit.Web/ScoreCockpit.Web.csproj -c Release", publish, StringComparison.Ordinal);
        Assert.Contains("-o /app/portal", publish, StringComparison.Ordinal);
        Assert.Contains("src/ScoreCockpit.Cli/ScoreCockpit.Cli.csproj -c Release", publish, StringComparison.Ordinal);
        Assert.Contains("-o /app/cli", publish, StringComparison.Ordinal);
        Assert.Equal("""ENTRYPOINT ["dotnet", "/app/portal/ScoreCockpit.Web.dll"]""", Single("ENTRYPOINT "));
    }

    [Fact]
    public void Scorecockpit_on_the_path_runs_the_published_command_line()
    {
        // The scheduler's and the unit Jobs' `command: ["scorecockpit"]` land here; the assembly is named in the csproj.
        var assembly = XDocument.Parse(DeploymentFiles.Read("src", "ScoreCockpit.Cli", "ScoreCockpit.Cli.csproj"))
            .Descendants("AssemblyName").Single().Value;

        var wrapper = Single("RUN apt-get ");
        Assert.Contains($"exec dotnet /app/cli/{assembly}.dll \"$@\"", wrapper, StringComparison.Ordinal);
        Assert.Contains("> /usr/local/bin/scorecockpit", wrapper, StringComparison.Ordinal);
        Assert.Contains("chmod 755 /usr/local/bin/scorecockpit", wrapper, StringComparison.Ordinal);
    }

    [Fact]
    public void The_base_images_are_those_of_the_target_framework()
    {
        var framework = XDocument.Parse(DeploymentFiles.Read("Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        var version = framework.Replace("net", "", StringComparison.Ordinal);

        var images = Instructions.Where(i => i.StartsWith("FROM ", StringComparison.Ordinal))
            .Select(i => i.Split(' ').Skip(1).First(word => !word.StartsWith("--", StringComparison.Ordinal)))
            .ToList();
        Assert.Equal([$"mcr.microsoft.com/dotnet/sdk:{version}", $"mcr.microsoft.com/dotnet/aspnet:{version}"], images);
    }

    [Fact]
    public void Every_project_the_programs_build_from_is_copied_before_the_restore()
    {
        var restore = Instructions.ToList().FindIndex(i => i.StartsWith("RUN dotnet restore ", StringComparison.Ordinal));
        var copied = Instructions.Take(restore).Where(i => i.StartsWith("COPY ", StringComparison.Ordinal)).SelectMany(i => i.Split(' ')).ToHashSet();

        foreach (var project in ProjectClosure("src/ScoreCockpit.Web/ScoreCockpit.Web.csproj", "src/ScoreCockpit.Cli/ScoreCockpit.Cli.csproj"))
        {
            Assert.Contains(project, copied);
        }
    }

    [Fact]
    public void The_build_context_lets_in_what_the_dockerfile_copies()
    {
        var ignore = DeploymentFiles.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToList();
        var sources = Instructions
            .Where(i => i.StartsWith("COPY ", StringComparison.Ordinal) && !i.Contains("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Split(' ')[1..^1])
            .Select(path => path.Split('/')[0]);

        Assert.Equal("*", ignore.First(l => l.Length > 0 && !l.StartsWith('#')));
        Assert.All(sources.Distinct(), top => Assert.Contains($"!{top}", ignore));
    }

    private static string Single(string prefix) => Assert.Single(Instructions, i => i.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The project files a project builds from, itself included, as paths from the repository root.</summary>
    private static HashSet<string> ProjectClosure(params string[] projects)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(projects);
        while (pending.TryPop(out var project))
        {
            if (found.Add(project))
            {
                var folder = Path.GetDirectoryName(project)!;
                foreach (var reference in XDocument.Parse(DeploymentFiles.Read(project)).Descendants("ProjectReference"))
                {
                    var path = Path.GetRelativePath(DeploymentFiles.Root, Path.GetFullPath(Path.Combine(DeploymentFiles.Root, folder, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
                    pending.Push(path.Replace('\\', '/'));
                }
            }
        }

        return found;
    }

    /// <summary>One string per instruction: comments dropped, continuation lines joined, spaces collapsed.</summary>
    private static List<string> Parse(string dockerfile)
    {
        var joined = string.Join('\n', dockerfile.Split('\n').Where(l => !l.TrimStart().StartsWith('#'))).Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. joined.Split('\n').Select(l => Spaces().Replace(l.Trim(), " ")).Where(l => l.Length > 0)];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\bSCORECOCKPIT_DATA=(?<folder>\S+)")]
    private static partial Regex EnvironmentValue();
}
