using k8s;
using k8s.Models;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Deployment;

/// <summary>
/// deploy/kubernetes/ read by the Kubernetes client's own models: what `kubectl apply -k` would send, and the
/// promises docs/kubernetes.md makes about it (least rights, non-root, one image, where the scheduler runs).
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly IReadOnlyList<object> Objects = DeploymentFiles.LoadAll();

    private static V1Deployment Portal => Named<V1Deployment>("scorecockpit-portal");

    private static V1Deployment Scheduler => Named<V1Deployment>("scorecockpit-scheduler");

    private static V1ConfigMap Config => Named<V1ConfigMap>("scorecockpit-config");

    [Fact]
    public void Every_manifest_file_loads_and_survives_a_round_trip_through_the_models()
    {
        foreach (var file in DeploymentFiles.ManifestFiles())
        {
            var objects = DeploymentFiles.Load(file);
            Assert.NotEmpty(objects);
            foreach (var item in objects)
            {
                var yaml = KubernetesYaml.Serialize(item);
                var again = Assert.Single(KubernetesYaml.LoadAllFromString(yaml, strict: true));
                Assert.Equal(item.GetType(), again.GetType());
                Assert.Equal(yaml, KubernetesYaml.Serialize(again));
            }
        }
    }

    [Fact]
    public void The_kustomization_lists_every_manifest_but_the_example_secret()
    {
        var listed = ((IEnumerable<object>)Kustomization()["resources"]).Select(r => r.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(DeploymentFiles.ManifestFiles().Where(f => !f.EndsWith(".example.yaml", StringComparison.Ordinal)), listed);
        // The namespace is kustomize's to set: a manifest that names one would escape it.
        Assert.All(Objects.OfType<IMetadata<V1ObjectMeta>>(), o => Assert.Null(o.Metadata.NamespaceProperty));
    }

    [Fact]
    public void The_portal_and_the_scheduler_may_only_run_jobs_in_their_namespace()
    {
        Assert.Empty(Objects.OfType<V1ClusterRole>());
        Assert.Empty(Objects.OfType<V1ClusterRoleBinding>());

        var role = Assert.Single(Objects.OfType<V1Role>());
        var granted = role.Rules
            .SelectMany(r => from g in r.ApiGroups from res in r.Resources from v in r.Verbs select $"{g}/{res}:{v}")
            .Order(StringComparer.Ordinal);
        string[] expected =
        [
            "/events:get", "/events:list", "/events:watch",
            "/pods/log:get",
            "/pods:get", "/pods:list", "/pods:watch",
            "batch/jobs:create", "batch/jobs:delete", "batch/jobs:get", "batch/jobs:list", "batch/jobs:watch",
        ];
        Assert.Equal(expected, granted);
        Assert.All(role.Rules, r => Assert.Null(r.ResourceNames));

        var binding = Assert.Single(Objects.OfType<V1RoleBinding>());
        Assert.Equal(("Role", role.Metadata.Name), (binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", Portal.Spec.Template.Spec.ServiceAccountName), (subject.Kind, subject.Name));
        Assert.Equal(Portal.Spec.Template.Spec.ServiceAccountName, Scheduler.Spec.Template.Spec.ServiceAccountName);
    }

    [Fact]
    public void The_unit_jobs_account_has_no_token_and_no_rights()
    {
        var account = Named<V1ServiceAccount>(Config.Data["Units__Kubernetes__ServiceAccount"]);

        Assert.False(account.AutomountServiceAccountToken);
        Assert.DoesNotContain(Objects.OfType<V1RoleBinding>().SelectMany(b => b.Subjects), s => s.Name == account.Metadata.Name);
    }

    [Fact]
    public void Every_container_runs_as_a_non_root_user_that_cannot_gain_privileges()
    {
        var uid = DockerfileTests.ImageUid();
        foreach (var pod in Objects.OfType<V1Deployment>().Select(d => d.Spec.Template.Spec))
        {
            Assert.True(pod.SecurityContext.RunAsNonRoot);
            Assert.Equal(uid, pod.SecurityContext.RunAsUser);
            Assert.Equal(uid, pod.SecurityContext.FsGroup);
            foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
            {
                var security = container.SecurityContext;
                Assert.False(security.AllowPrivilegeEscalation);
                Assert.NotEqual(true, security.Privileged);
                Assert.True(security.ReadOnlyRootFilesystem);
                Assert.Equal(["ALL"], security.Capabilities.Drop);
                // A read-only root needs somewhere to write: .NET's temporary files and the data folder.
                Assert.Equal(["/data", "/tmp"], container.VolumeMounts.Select(m => m.MountPath).Order(StringComparer.Ordinal));
            }
        }
    }

    [Fact]
    public void The_portal_the_scheduler_and_the_unit_jobs_run_one_image()
    {
        var portal = Assert.Single(Portal.Spec.Template.Spec.Containers);
        var scheduler = Assert.Single(Scheduler.Spec.Template.Spec.Containers);

        Assert.Equal(portal.Image, scheduler.Image);
        Assert.Equal(portal.Image, Config.Data["Units__Kubernetes__Image"]);

        // And kustomize keeps it so once `images:` renames the image: it copies the portal's into the Jobs' setting.
        var replacement = (IDictionary<object, object>)Assert.Single((IEnumerable<object>)Kustomization()["replacements"]);
        var source = (IDictionary<object, object>)replacement["source"];
        var target = (IDictionary<object, object>)Assert.Single((IEnumerable<object>)replacement["targets"]);
        Assert.Equal((Portal.Metadata.Name, $"spec.template.spec.containers.[name={portal.Name}].image"), (source["name"], source["fieldPath"]));
        Assert.Equal(["data.Units__Kubernetes__Image"], (IEnumerable<object>)target["fieldPaths"]);
        Assert.Equal(Config.Metadata.Name, ((IDictionary<object, object>)target["select"])["name"]);
    }

    [Fact]
    public void Scenarios_fire_from_the_scheduler_only()
    {
        var portal = Assert.Single(Portal.Spec.Template.Spec.Containers);
        var scheduler = Assert.Single(Scheduler.Spec.Template.Spec.Containers);

        Assert.Null(portal.Command);
        Assert.Equal("false", Assert.Single(portal.Env, e => e.Name == "Scheduler__Enabled").Value);
        Assert.Equal(["scorecockpit"], scheduler.Command);
        Assert.Equal(["scheduler"], scheduler.Args);
        Assert.DoesNotContain(scheduler.Env ?? [], e => e.Name == "Scheduler__Enabled");
        Assert.DoesNotContain("Scheduler__Enabled", Config.Data.Keys);
    }

    [Fact]
    public void Every_pod_reads_the_store_from_the_config_and_the_secret_the_jobs_are_given()
    {
        Assert.Equal("Postgres", Config.Data["Store__Provider"]);
        Assert.Equal("kubernetes", Config.Data["Units__Executor"]);
        Assert.Equal(Config.Metadata.Name, Config.Data["Units__Kubernetes__ConfigMap"]);
        var secret = Named<V1Secret>(Config.Data["Units__Kubernetes__Secret"]);
        Assert.Contains("Store__ConnectionString", secret.StringData.Keys);

        foreach (var container in new[] { Portal, Scheduler }.SelectMany(d => d.Spec.Template.Spec.Containers))
        {
            Assert.Contains(container.EnvFrom, e => e.ConfigMapRef?.Name == Config.Metadata.Name);
            Assert.Contains(container.EnvFrom, e => e.SecretRef?.Name == secret.Metadata.Name);
            Assert.Equal("metadata.namespace", Assert.Single(container.Env, e => e.Name == "Units__Kubernetes__Namespace").ValueFrom.FieldRef.FieldPath);
        }
    }

    [Fact]
    public void The_portal_and_the_scheduler_share_one_data_folder()
    {
        var claim = Assert.Single(Objects.OfType<V1PersistentVolumeClaim>());

        // Model artifacts are files in the data folder, written by one pod and read by the others.
        Assert.Equal(["ReadWriteMany"], claim.Spec.AccessModes);
        foreach (var pod in new[] { Portal, Scheduler }.Select(d => d.Spec.Template.Spec))
        {
            var data = Assert.Single(pod.Volumes, v => v.PersistentVolumeClaim is not null);
            Assert.Equal(claim.Metadata.Name, data.PersistentVolumeClaim.ClaimName);
            Assert.Equal(DockerfileTests.ImageDataFolder(), Assert.Single(pod.Containers[0].VolumeMounts, m => m.Name == data.Name).MountPath);
        }
    }

    [Fact]
    public void The_service_reaches_the_portal()
    {
        var service = Assert.Single(Objects.OfType<V1Service>());
        var port = Assert.Single(Assert.Single(Portal.Spec.Template.Spec.Containers).Ports);

        Assert.Equal(Portal.Spec.Selector.MatchLabels, service.Spec.Selector);
        Assert.Equal(port.Name, Assert.Single(service.Spec.Ports).TargetPort.Value);
        Assert.Equal(8080, port.ContainerPort);
    }

    private static Dictionary<string, object> Kustomization() =>
        KubernetesYaml.Deserialize<Dictionary<string, object>>(DeploymentFiles.Read("deploy", "kubernetes", "kustomization.yaml"));

    private static T Named<T>(string name)
        where T : IMetadata<V1ObjectMeta> => Assert.Single(Objects.OfType<T>(), o => o.Metadata.Name == name);
}
