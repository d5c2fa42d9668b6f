using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Units.Kubernetes;

/// <summary>
/// How units run as Kubernetes Jobs (<c>Units:Kubernetes:*</c>; in the environment <c>Units__Kubernetes__Image</c>…).
/// A null <see cref="Namespace"/> or <see cref="Kubeconfig"/> means "as the cluster connection says": the in-cluster
/// service account when the portal runs in a pod, else <c>$KUBECONFIG</c> or <c>~/.kube/config</c> and its context.
/// </summary>
public sealed partial record KubernetesSettings(
    string? Namespace, string Image, string ServiceAccount, string? Kubeconfig, string ConfigMap, string Secret,
    string Cpu, string Memory, int TtlSeconds, string? ImagePullPolicy)
{
    /// <summary>
    /// The ReadWriteMany claim holding the data folder (model artifacts live there), mounted in each Job at
    /// <see cref="DataPath"/>: a unit that trains writes its model where the portal and the next unit read it.
    /// </summary>
    public string DataClaim { get; init; } = DefaultDataClaim;

    /// <summary>Where the claim is mounted: the image's data folder (SCORECOCKPIT_DATA).</summary>
    public string DataPath { get; init; } = "/data";

    public const string DataClaimKey = "Units:Kubernetes:DataClaim";
    public const string DefaultDataClaim = "scorecockpit-data";

    public const string NamespaceKey = "Units:Kubernetes:Namespace";
    public const string ImageKey = "Units:Kubernetes:Image";
    public const string ServiceAccountKey = "Units:Kubernetes:ServiceAccount";
    public const string KubeconfigKey = "Units:Kubernetes:Kubeconfig";
    public const string ConfigMapKey = "Units:Kubernetes:ConfigMap";
    public const string SecretKey = "Units:Kubernetes:Secret";
    public const string CpuKey = "Units:Kubernetes:Cpu";
    public const string MemoryKey = "Units:Kubernetes:Memory";
    public const string TtlSecondsKey = "Units:Kubernetes:TtlSeconds";
    public const string ImagePullPolicyKey = "Units:Kubernetes:ImagePullPolicy";

    public const string DefaultServiceAccount = "scorecockpit-unit";
    public const string DefaultConfigMap = "scorecockpit-config";
    public const string DefaultSecret = "scorecockpit-secrets";

    public static KubernetesSettings Resolve(Func<string, string?> setting)
    {
        var image = Text(setting(ImageKey)) ?? throw new CockpitSetupException(
            $"{ImageKey} is not set: Units:Executor is kubernetes, so units run in Jobs of the portal's own image. " +
            $"Set {ImageKey} to that image, e.g. registry.example.com/scorecockpit:1.4.0.");
        if (image.Any(char.IsWhiteSpace))
        {
            throw new CockpitSetupException($"{ImageKey} is '{image}': give an image reference without spaces, e.g. registry.example.com/scorecockpit:1.4.0.");
        }

        return new KubernetesSettings(
            Name(setting(NamespaceKey), NamespaceKey, null, DnsLabel(), "a namespace name (lower-case letters, digits and '-', at most 63)"),
            image,
            Name(setting(ServiceAccountKey), ServiceAccountKey, DefaultServiceAccount, DnsSubdomain(), SubdomainHint)!,
            ExpandHome(Text(setting(KubeconfigKey))),
            Name(setting(ConfigMapKey), ConfigMapKey, DefaultConfigMap, DnsSubdomain(), SubdomainHint)!,
            Name(setting(SecretKey), SecretKey, DefaultSecret, DnsSubdomain(), SubdomainHint)!,
            Quantity(setting(CpuKey), CpuKey, "1", "a CPU amount such as 1, 2 or 500m"),
            Quantity(setting(MemoryKey), MemoryKey, "2Gi", "a memory amount such as 2Gi or 512Mi"),
            Ttl(setting(TtlSecondsKey)),
            PullPolicy(setting(ImagePullPolicyKey)))
        {
            DataClaim = Name(setting(DataClaimKey), DataClaimKey, DefaultDataClaim, DnsSubdomain(), SubdomainHint)!,
            DataPath = Text(setting(DataFolder.EnvironmentVariable)) ?? "/data",
        };
    }

    private const string SubdomainHint = "a Kubernetes object name (lower-case letters, digits, '-' and '.', at most 253)";

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Name(string? value, string key, string? fallback, Regex pattern, string hint)
    {
        var text = Text(value);
        if (text is null)
        {
            return fallback;
        }

        return pattern.IsMatch(text) ? text : throw new CockpitSetupException($"{key} is '{text}': give {hint}.");
    }

    /// <summary>The API server would refuse the Job for a bad quantity; saying so at start-up names the key instead.</summary>
    private static string Quantity(string? value, string key, string fallback, string hint)
    {
        var text = Text(value);
        if (text is null)
        {
            return fallback;
        }

        try
        {
            if (QuantityPattern().IsMatch(text) && new ResourceQuantity(text).ToDecimal() > 0)
            {
                return text;
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            // Reported below with the key.
        }

        throw new CockpitSetupException($"{key} is '{text}': give {hint}.");
    }

    private static int Ttl(string? value)
    {
        var text = Text(value);
        if (text is null)
        {
            return 3600;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? seconds
            : throw new CockpitSetupException($"{TtlSecondsKey} is '{text}': give a whole number of seconds of at least 0, e.g. 3600.");
    }

    private static string? PullPolicy(string? value) => Text(value)?.ToLowerInvariant() switch
    {
        null => null,
        "always" => "Always",
        "ifnotpresent" => "IfNotPresent",
        "never" => "Never",
        _ => throw new CockpitSetupException($"{ImagePullPolicyKey} is '{value}': use Always, IfNotPresent or Never, or leave it unset."),
    };

    /// <summary>"~/kube/prod.yaml" as a shell would read it: configuration files are often written by hand.</summary>
    private static string? ExpandHome(string? path) =>
        path is not null && path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")]
    private static partial Regex QuantityPattern();
}
