using System.Globalization;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>
/// How a running run says it is alive: its owner renews a lease in the cockpit store every <see cref="Renewal"/>, for
/// <see cref="Expiry"/> from then. <see cref="Host"/> names this machine in the run's owner, for people only.
/// A scheduled scenario run found interrupted is started again up to <see cref="RetryInterrupted"/> times.
/// </summary>
public sealed record RunLeaseSettings(TimeSpan Renewal, TimeSpan Expiry, string Host, int RetryInterrupted = 1)
{
    public const string RenewalKey = "Runs:LeaseRenewalSeconds";
    public const string ExpiryKey = "Runs:LeaseExpirySeconds";
    public const string HostKey = "Runs:Host";
    public const string RetryKey = "Runs:RetryInterrupted";

    /// <summary>30 s and 2 min: a run is seen interrupted about 2 minutes after its process died, and a store that
    /// misses three renewals in a row does not make a live run look dead.</summary>
    public static RunLeaseSettings Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), Environment.MachineName);

    /// <summary>From configuration keys (<c>Runs:LeaseRenewalSeconds</c>…; in the environment <c>Runs__LeaseRenewalSeconds</c>).</summary>
    public static RunLeaseSettings Resolve(Func<string, string?> setting)
    {
        var renewal = Seconds(setting(RenewalKey), RenewalKey) ?? Default.Renewal;
        var expiry = Seconds(setting(ExpiryKey), ExpiryKey) ?? Default.Expiry;
        if (expiry < renewal * 2)
        {
            throw new CockpitSetupException(
                $"{ExpiryKey} ({expiry.TotalSeconds:0.###} s) must be at least twice {RenewalKey} ({renewal.TotalSeconds:0.###} s), " +
                "or a live run whose renewal is a little late looks dead. Raise the expiry or lower the renewal.");
        }

        var host = setting(HostKey);
        return new RunLeaseSettings(renewal, expiry, string.IsNullOrWhiteSpace(host) ? Default.Host : host.Trim(), Retries(setting(RetryKey)));
    }

    private static int Retries(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Default.RetryInterrupted
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 0 ? count
        : throw new CockpitSetupException($"{RetryKey} is '{text}': give how many times an interrupted run is tried again, 0 or more.");

    private static TimeSpan? Seconds(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new CockpitSetupException($"{key} is '{text}': give a number of seconds above 0, e.g. 30.");
    }
}
