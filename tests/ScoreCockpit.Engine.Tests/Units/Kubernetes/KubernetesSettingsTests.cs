using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Units.Kubernetes;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Units.Kubernetes;

/// <summary>The Units:Kubernetes:* settings: their defaults, and what a wrong value says.</summary>
public sealed class KubernetesSettingsTests
{
    private const string Image = "registry.example.com/scorecockpit:1.4.0";

    private static KubernetesSettings Resolve(params (string Key, string Value)[] values) =>
        KubernetesSettings.Resolve(key => values.FirstOrDefault(v => v.Key == key).Value);

    [Fact]
    public void Only_the_image_must_be_given()
    {
        Assert.Equal(new KubernetesSettings(null, Image, "scorecockpit-unit", null, "scorecockpit-config", "scorecockpit-secrets", "1", "2Gi", 3600, null),
            Resolve((KubernetesSettings.ImageKey, $" {Image} ")));

        var error = Assert.Throws<CockpitSetupException>(() => Resolve());
        Assert.Contains("Set Units:Kubernetes:Image to that image", error.Message, StringComparison.Ordinal);
        Assert.Contains("the portal's own image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_values_are_taken_as_written()
    {
        var settings = Resolve((KubernetesSettings.ImageKey, Image), (KubernetesSettings.NamespaceKey, "scoring"),
            (KubernetesSettings.ServiceAccountKey, "units.runner"), (KubernetesSettings.KubeconfigKey, "/etc/kube/prod.yaml"),
            (KubernetesSettings.ConfigMapKey, "cockpit"), (KubernetesSettings.SecretKey, "cockpit-db"), (KubernetesSettings.CpuKey, "1500m"),
            (KubernetesSettings.MemoryKey, "6Gi"), (KubernetesSettings.TtlSecondsKey, "0"), (KubernetesSettings.ImagePullPolicyKey, "always"));

        Assert.Equal(new KubernetesSettings("scoring", Image, "units.runner", "/etc/kube/prod.yaml", "cockpit", "cockpit-db", "1500m", "6Gi", 0, "Always"),
            settings);
        Assert.EndsWith(Path.Combine(".kube", "prod.yaml"),
            Resolve((KubernetesSettings.ImageKey, Image), (KubernetesSettings.KubeconfigKey, "~/.kube/prod.yaml")).Kubeconfig, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KubernetesSettings.NamespaceKey, "Scoring", "give a namespace name")]
    [InlineData(KubernetesSettings.ServiceAccountKey, "units runner", "give a Kubernetes object name")]
    [InlineData(KubernetesSettings.SecretKey, "cockpit_db", "give a Kubernetes object name")]
    [InlineData(KubernetesSettings.CpuKey, "two", "give a CPU amount such as 1, 2 or 500m")]
    [InlineData(KubernetesSettings.CpuKey, "0", "give a CPU amount")]
    [InlineData(KubernetesSettings.MemoryKey, "2GB", "give a memory amount such as 2Gi or 512Mi")]
    [InlineData(KubernetesSettings.TtlSecondsKey, "-1", "give a whole number of seconds of at least 0")]
    [InlineData(KubernetesSettings.ImagePullPolicyKey, "sometimes", "use Always, IfNotPresent or Never")]
    [InlineData(KubernetesSettings.ImageKey, "registry.example.com/score cockpit", "give an image reference without spaces")]
    public void A_bad_value_names_the_key_the_value_and_what_to_give(string key, string value, string hint)
    {
        (string, string)[] values = key == KubernetesSettings.ImageKey ? [(key, value)] : [(KubernetesSettings.ImageKey, Image), (key, value)];

        var error = Assert.Throws<CockpitSetupException>(() => Resolve(values));

        Assert.StartsWith($"{key} is '{value}': {hint}", error.Message, StringComparison.Ordinal);
    }
}
