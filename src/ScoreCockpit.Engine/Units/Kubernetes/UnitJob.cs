using System.Globalization;
using System.Text;
using k8s.Models;

namespace ScoreCockpit.Engine.Units.Kubernetes;

/// <summary>
/// The Job that runs one attempt of a unit: one pod, never restarted (a retry is a new Job, decided by the executor,
/// which knows an eviction from a failure), stopped at the unit's deadline, removed a while after it finished.
/// </summary>
public static class UnitJob
{
    public const string ContainerName = "unit";
    public const string Program = "scorecockpit";
    public const string KindLabel = "scorecockpit.io/unit-kind";
    public const string RunLabel = "scorecockpit.io/unit-run";
    public const string ScoreLabel = "scorecockpit.io/score";

    /// <summary>A fresh attempt id: 8 hex digits, enough to keep the Jobs of one unit kind apart.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>"scorecockpit-train-challengers-1a2b3c4d": at most 48 characters, a valid DNS-1123 label.</summary>
    public static string Name(UnitOfWork unit, string id) => $"{Program}-{unit.Kind.Name()}-{id}";

    public static V1Job Build(UnitOfWork unit, KubernetesSettings settings, string ns, TimeSpan deadline, string id)
    {
        var labels = Labels(unit);
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = Name(unit, id),
                NamespaceProperty = ns,
                Labels = labels,
                Annotations = new Dictionary<string, string> { ["scorecockpit.io/unit"] = unit.Describe() },
            },
            Spec = new V1JobSpec
            {
                BackoffLimit = 0,
                TtlSecondsAfterFinished = settings.TtlSeconds,
                ActiveDeadlineSeconds = Math.Max(1L, (long)Math.Ceiling(deadline.TotalSeconds)),
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) },
                    Spec = Pod(unit, settings),
                },
            },
        };
    }

    private static V1PodSpec Pod(UnitOfWork unit, KubernetesSettings settings) => new()
    {
        RestartPolicy = "Never",
        ServiceAccountName = settings.ServiceAccount,
        // The unit talks to the store and the warehouse, never to the Kubernetes API.
        AutomountServiceAccountToken = false,
        SecurityContext = new V1PodSecurityContext
        {
            RunAsNonRoot = true,
            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        },
        Containers =
        [
            new V1Container
            {
                Name = ContainerName,
                Image = settings.Image,
                ImagePullPolicy = settings.ImagePullPolicy,
                Command = [Program],
                Args = [.. unit.ToArguments()],
                EnvFrom =
                [
                    new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = settings.ConfigMap } },
                    new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = settings.Secret } },
                ],
                Resources = new V1ResourceRequirements
                {
                    Requests = new Dictionary<string, ResourceQuantity>
                    {
                        ["cpu"] = new(settings.Cpu),
                        ["memory"] = new(settings.Memory),
                    },
                    // No CPU limit: throttling only slows a unit down; memory is limited so one unit cannot starve a node.
                    Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new(settings.Memory) },
                },
                SecurityContext = new V1SecurityContext
                {
                    RunAsNonRoot = true,
                    AllowPrivilegeEscalation = false,
                    ReadOnlyRootFilesystem = true,
                    Capabilities = new V1Capabilities { Drop = ["ALL"] },
                },
                // The root file system is read-only: temporary files (ML.NET, .NET diagnostics) go to a scratch volume,
                // models to the data folder the portal and the other units share.
                VolumeMounts =
                [
                    new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
                    new V1VolumeMount { Name = "data", MountPath = settings.DataPath },
                ],
            },
        ],
        Volumes =
        [
            new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = settings.DataClaim } },
        ],
    };

    private static Dictionary<string, string> Labels(UnitOfWork unit)
    {
        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = Program,
            ["app.kubernetes.io/component"] = "unit",
            [KindLabel] = unit.Kind.Name(),
        };
        if (LabelValue(unit.Score) is { Length: > 0 } score)
        {
            labels[ScoreLabel] = score;
        }

        if (unit.RunId is { } run)
        {
            labels[RunLabel] = run.ToString(CultureInfo.InvariantCulture);
        }

        return labels;
    }

    /// <summary>
    /// A score name as a label value (at most 63 of letters, digits, '-', '_', '.', starting and ending with a letter or
    /// digit): "Churn Q1/2025" becomes "Churn-Q1-2025". Only for selecting with kubectl; the arguments carry the real name.
    /// </summary>
    public static string LabelValue(string text)
    {
        var value = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                value.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && value.Length > 0 && value[^1] != '-')
            {
                value.Append('-');
            }
        }

        var label = value.ToString();
        label = label[..Math.Min(label.Length, 63)];
        return label.Trim('-', '_', '.');
    }
}
