using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Units.Kubernetes;

/// <summary>
/// The failures that mean units cannot run in this cluster at all, whatever the unit: each becomes a
/// <see cref="CockpitSetupException"/> saying what to fix. Anything else is left as it is.
/// </summary>
internal static partial class KubernetesErrors
{
    public const string RoleRules =
        "jobs create/get/list/watch/delete, pods get/list/watch, pods/log get and events list";

    /// <param name="verb">What the executor was doing when it failed, e.g. "create"; the API server's own words win.</param>
    /// <param name="resource">What it was doing it to, e.g. "jobs".</param>
    public static CockpitSetupException? Setup(Exception error, KubernetesConnection k, string verb, string resource) => error switch
    {
        HttpOperationException { Response: { } response } http => Http(http, response.StatusCode, Status(response.Content), k, verb, resource),
        HttpRequestException e => new CockpitSetupException(
            $"Cannot reach the Kubernetes API server at {k.Server}: {e.Message}. Check that the cluster is up and reachable from " +
            $"the portal, and the server address in the kubeconfig ({KubernetesSettings.KubeconfigKey}).", e),
        TaskCanceledException e => new CockpitSetupException(
            $"The Kubernetes API server at {k.Server} did not answer in time ({verb} {resource}). Check that the cluster is up and " +
            "reachable from the portal.", e),
        FileNotFoundException or DirectoryNotFoundException when error.Message.Contains("serviceaccount", StringComparison.Ordinal) =>
            new CockpitSetupException(
                $"The portal's service-account token disappeared ({error.Message}): keep automountServiceAccountToken: true on the " +
                $"portal's pod, or set {KubernetesSettings.KubeconfigKey} to a kubeconfig file.", error),
        _ => null,
    };

    private static CockpitSetupException? Http(HttpOperationException e, HttpStatusCode code, V1Status? status, KubernetesConnection k,
        string verb, string resource)
    {
        var said = status?.Message ?? e.Message;
        switch (code)
        {
            case HttpStatusCode.Forbidden:
                var match = Refusal().Match(said);
                var (what, kind) = match.Success ? (match.Groups["verb"].Value, match.Groups["resource"].Value) : (verb, resource);
                return new CockpitSetupException(
                    $"Kubernetes does not allow the portal to {what} {kind} in namespace '{k.Namespace}' ({said}). The ServiceAccount " +
                    $"the portal runs as needs a Role in namespace '{k.Namespace}', bound to it, that allows {RoleRules}; or set " +
                    $"{KubernetesSettings.NamespaceKey} to a namespace where it has them.", e);
            case HttpStatusCode.Unauthorized:
                return new CockpitSetupException(
                    $"The Kubernetes API server at {k.Server} does not accept the portal's credentials (401 Unauthorized: {said}). " +
                    $"Renew the token or certificate in the kubeconfig ({KubernetesSettings.KubeconfigKey}), or check the portal " +
                    "pod's service-account token.", e);
            case HttpStatusCode.NotFound when resource == "jobs" && verb == "create":
                return new CockpitSetupException(
                    $"Kubernetes cannot create Jobs in namespace '{k.Namespace}' ({said}): create the namespace or set " +
                    $"{KubernetesSettings.NamespaceKey} to an existing one.", e);
            case HttpStatusCode.UnprocessableEntity:
                return new CockpitSetupException(
                    $"Kubernetes refused the unit's Job as invalid ({said}). Check the {KubernetesSettings.ImageKey}, " +
                    $"{KubernetesSettings.CpuKey}, {KubernetesSettings.MemoryKey} and {KubernetesSettings.ServiceAccountKey} settings.", e);
            default:
                return null;
        }
    }

    /// <summary>The Status object Kubernetes answers errors with; null when the body is something else (a proxy's page).</summary>
    public static V1Status? Status(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || !body.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            return KubernetesJson.Deserialize<V1Status>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the object was already gone: deleting it again is then done, not failed.</summary>
    public static bool NotFound(Exception error) =>
        error is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };

    // "… cannot create resource \"jobs\" in API group \"batch\" in the namespace \"x\"": the verb and resource refused.
    [GeneratedRegex("cannot (?<verb>[a-z]+) resource \"(?<resource>[^\"]+)\"")]
    private static partial Regex Refusal();
}
