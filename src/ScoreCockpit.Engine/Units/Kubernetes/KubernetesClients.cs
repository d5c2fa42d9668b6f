using k8s;
using k8s.Exceptions;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Units.Kubernetes;

/// <summary>A client of one cluster, the namespace units run in, and the API server's address for messages.</summary>
public sealed record KubernetesConnection(IKubernetes Client, string Namespace, string Server);

/// <summary>
/// Opens the cluster connection once, on first use, so a portal configured for Kubernetes starts even when the
/// cluster is not reachable yet and says what is wrong when a unit first needs it. <paramref name="configure"/> builds
/// the client configuration from the settings (default <see cref="Configure"/>); tests point it at a fake API server.
/// </summary>
public sealed class KubernetesClients(KubernetesSettings settings, Func<KubernetesSettings, KubernetesClientConfiguration>? configure = null)
    : IDisposable
{
    /// <summary>Where an in-cluster pod finds its service-account token (Kubernetes' fixed mount point).</summary>
    public const string TokenPath = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    private readonly Lock _gate = new();
    private KubernetesConnection? _connection;

    public KubernetesConnection Open()
    {
        lock (_gate)
        {
            if (_connection is null)
            {
                var config = (configure ?? Configure)(settings);
                var ns = settings.Namespace ?? (string.IsNullOrWhiteSpace(config.Namespace) ? "default" : config.Namespace);
                try
                {
                    _connection = new KubernetesConnection(new k8s.Kubernetes(config), ns, config.Host);
                }
                catch (KubeConfigException e)
                {
                    throw new CockpitSetupException(
                        $"The Kubernetes connection cannot be used: {e.Message}. Fix the server address in the kubeconfig or {KubernetesSettings.KubeconfigKey}.", e);
                }
            }

            return _connection;
        }
    }

    /// <summary>
    /// <see cref="KubernetesSettings.Kubeconfig"/> when given; else the service account when the portal runs in a pod;
    /// else <c>$KUBECONFIG</c> or <c>~/.kube/config</c> with its current context.
    /// </summary>
    public static KubernetesClientConfiguration Configure(KubernetesSettings settings)
    {
        if (settings.Kubeconfig is null && KubernetesClientConfiguration.IsInCluster())
        {
            return Load(KubernetesClientConfiguration.InClusterConfig, "the in-cluster service account");
        }

        var path = settings.Kubeconfig ?? DefaultKubeconfig();
        if (!File.Exists(path))
        {
            throw new CockpitSetupException(MissingKubeconfig(path, settings.Kubeconfig is null));
        }

        return Load(() => KubernetesClientConfiguration.BuildConfigFromConfigFile(path), $"the kubeconfig {path}");
    }

    private static KubernetesClientConfiguration Load(Func<KubernetesClientConfiguration> load, string source)
    {
        try
        {
            return load();
        }
        catch (KubeConfigException e)
        {
            throw new CockpitSetupException($"Kubernetes settings from {source} cannot be used: {e.Message}", e);
        }
    }

    /// <summary>The first of <c>$KUBECONFIG</c>'s files (as kubectl reads it), else <c>~/.kube/config</c>.</summary>
    private static string DefaultKubeconfig()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("KUBECONFIG")?
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        return fromEnvironment ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }

    private static string MissingKubeconfig(string path, bool defaulted)
    {
        // A pod whose token is not mounted looks like a machine without a kubeconfig; say which it is.
        if (defaulted && Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is { Length: > 0 })
        {
            return "The portal runs inside a Kubernetes cluster (KUBERNETES_SERVICE_HOST is set) but no service-account token " +
                $"is mounted at {TokenPath}: give the portal's pod a ServiceAccount and set automountServiceAccountToken: true, " +
                $"or set {KubernetesSettings.KubeconfigKey} to a kubeconfig file.";
        }

        return $"No kubeconfig file at {path}: set {KubernetesSettings.KubeconfigKey} (or KUBECONFIG) to the path of a kubeconfig " +
            "file for the cluster that runs units, or run inside the cluster with a service account.";
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection?.Client.Dispose();
            _connection = null;
        }
    }
}
