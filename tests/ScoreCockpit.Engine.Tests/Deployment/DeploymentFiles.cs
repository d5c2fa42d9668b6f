using k8s;
using ScoreCockpit.Tests.Shared;

namespace ScoreCockpit.Engine.Tests.Deployment;

/// <summary>The deployment files of the repository (the Dockerfile, deploy/kubernetes/), read as the tests find them.</summary>
internal static class DeploymentFiles
{
    public static string Root => RepositoryRoot.Path;

    public static string KubernetesFolder => Path.Combine(Root, "deploy", "kubernetes");

    public static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Root, .. parts]));

    /// <summary>Every manifest file (all YAML but kustomization.yaml), by file name.</summary>
    public static IReadOnlyList<string> ManifestFiles() =>
    [
        .. Directory.GetFiles(KubernetesFolder, "*.yaml")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name != "kustomization.yaml")
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>
    /// The objects of one manifest file as the Kubernetes client's models. Strict: a misspelt or misplaced field is an
    /// error here, where the API server would only drop it.
    /// </summary>
    public static IReadOnlyList<object> Load(string file) =>
        KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(KubernetesFolder, file)), strict: true);

    /// <summary>Every object of every manifest file, the example secret included.</summary>
    public static IReadOnlyList<object> LoadAll() => [.. ManifestFiles().SelectMany(Load)];
}
