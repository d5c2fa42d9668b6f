namespace ScoreCockpit.Engine.Modeling;

/// <summary>
/// A deterministic sample of rows by key: a row is kept when a seeded hash of its key falls under the kept fraction.
/// The same keys, seed and fraction keep the same rows, whatever the order the warehouse returns them in.
/// </summary>
public static class KeySample
{
    public static bool Keeps(string key, int seed, double fraction)
    {
        if (fraction >= 1)
        {
            return true;
        }

        // FNV-1a over the key's characters, seeded, then a SplitMix64 finaliser to spread the bits.
        var hash = 14695981039346656037UL ^ (ulong)(uint)seed;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        hash ^= hash >> 31;
        return (hash >> 11) * (1.0 / (1UL << 53)) < fraction;
    }
}
