using k8s;
using k8s.Models;
using ScoreCockpit.Engine.Units;
using ScoreCockpit.Engine.Units.Kubernetes;
using ScoreCockpit.Engine.Variables;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Units.Kubernetes;

/// <summary>The Job a unit runs in: its name, labels, container and limits.</summary>
public sealed class UnitJobTests
{
    private static readonly KubernetesSettings Settings = KubernetesSettings.Resolve(key => key switch
    {
        KubernetesSettings.ImageKey => "registry.example.com/scorecockpit:1.4.0",
        KubernetesSettings.CpuKey => "500m",
        KubernetesSettings.ImagePullPolicyKey => "ifnotpresent",
        _ => null,
    });

    private static readonly UnitOfWork Build = new(UnitKind.BuildSnapshot, "Churn Q1/2025 — été")
    {
        Date = new DateOnly(2025, 3, 31),
        Variables = [new Variable("region", VariableType.Text, "north")],
        RunId = 7,
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_gets_a_job_name_kubernetes_accepts(UnitKind kind)
    {
        var name = UnitJob.Name(new UnitOfWork(kind, "churn"), UnitJob.NewId());

        Assert.Matches("^scorecockpit-[a-z-]+-[0-9a-f]{8}$", name);
        Assert.True(name.Length <= 63, name);
    }

    public static TheoryData<UnitKind> Kinds => [.. Enum.GetValues<UnitKind>()];

    [Fact]
    public void The_job_is_labelled_for_kubectl_with_a_score_name_made_a_valid_label_value()
    {
        var job = UnitJob.Build(Build, Settings, "units", TimeSpan.FromMinutes(90), "1a2b3c4d");

        Assert.Equal(new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "scorecockpit",
            ["app.kubernetes.io/component"] = "unit",
            ["scorecockpit.io/unit-kind"] = "build-snapshot",
            ["scorecockpit.io/score"] = "Churn-Q1-2025-ete",
            ["scorecockpit.io/unit-run"] = "7",
        }, job.Metadata.Labels);
        Assert.Equal(job.Metadata.Labels, job.Spec.Template.Metadata.Labels);
        Assert.Equal("build-snapshot Churn Q1/2025 — été on 2025-03-31", job.Metadata.Annotations["scorecockpit.io/unit"]);
        Assert.DoesNotContain("scorecockpit.io/unit-run",
            UnitJob.Build(Build with { RunId = null }, Settings, "units", TimeSpan.FromMinutes(1), "1a2b3c4d").Metadata.Labels.Keys);
        Assert.Equal("a", UnitJob.LabelValue("--a__"));
        Assert.Equal(63, UnitJob.LabelValue(new string('x', 80)).Length);
    }

    [Fact]
    public void The_container_runs_the_unit_as_a_non_root_user_with_the_installations_configuration()
    {
        var job = UnitJob.Build(Build, Settings, "units", TimeSpan.FromSeconds(90.2), "1a2b3c4d");

        var pod = job.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        Assert.Equal(["unit", "run", "build-snapshot", "--score", "Churn Q1/2025 — été", "--date", "2025-03-31", "--var", "region:text=north",
            "--unit-run", "7"], container.Args);
        Assert.Equal(("IfNotPresent", 91L), (container.ImagePullPolicy, job.Spec.ActiveDeadlineSeconds));
        Assert.Equal(["scorecockpit-config", "scorecockpit-secrets"],
            container.EnvFrom.Select(e => e.ConfigMapRef?.Name ?? e.SecretRef.Name));
        Assert.Equal(("500m", "2Gi", "2Gi"),
            (container.Resources.Requests["cpu"].ToString(), container.Resources.Requests["memory"].ToString(),
                container.Resources.Limits["memory"].ToString()));
        Assert.False(container.Resources.Limits.ContainsKey("cpu"));
        Assert.Equal((true, false, true, "ALL"), (container.SecurityContext.RunAsNonRoot, container.SecurityContext.AllowPrivilegeEscalation,
            container.SecurityContext.ReadOnlyRootFilesystem, Assert.Single(container.SecurityContext.Capabilities.Drop)));
        // Scratch space on the read-only root, and the shared data folder where trained models are written and read.
        Assert.Equal([("tmp", "/tmp"), ("data", "/data")], container.VolumeMounts.Select(m => (m.Name, m.MountPath)));
        Assert.NotNull(pod.Volumes.Single(v => v.Name == "tmp").EmptyDir);
        Assert.Equal("scorecockpit-data", pod.Volumes.Single(v => v.Name == "data").PersistentVolumeClaim.ClaimName);
        Assert.Equal((true, false), (pod.SecurityContext.RunAsNonRoot, pod.AutomountServiceAccountToken));
    }

    [Fact]
    public void A_job_round_trips_through_yaml_unchanged()
    {
        var job = UnitJob.Build(Build, Settings, "units", TimeSpan.FromMinutes(90), "1a2b3c4d");

        var yaml = KubernetesYaml.Serialize(job);
        var read = KubernetesYaml.Deserialize<V1Job>(yaml);

        Assert.Equal(KubernetesJson.Serialize(job), KubernetesJson.Serialize(read));
        Assert.StartsWith("apiVersion: batch/v1\nkind: Job\n", yaml.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(("scorecockpit-build-snapshot-1a2b3c4d", 0, 3600, 5400L, "registry.example.com/scorecockpit:1.4.0"),
            (read.Metadata.Name, read.Spec.BackoffLimit, read.Spec.TtlSecondsAfterFinished, read.Spec.ActiveDeadlineSeconds,
                read.Spec.Template.Spec.Containers[0].Image));
        Assert.Equal(Build.ToArguments(), read.Spec.Template.Spec.Containers[0].Args);
    }
}
