using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>
/// A deterministic sample of rows by key, computed by the warehouse: the hash of a key is the first 13 hex digits
/// (52 bits) of <c>md5('seed:key')</c> over the key's text in UTF-8, and a row is kept when its hash is below
/// <see cref="Threshold"/>. Rows are also read in the order of that hash, then the key, so the same data gives the
/// same rows in the same order on every warehouse that has MD5 — ML.NET's results depend on row order.
/// This class is the C# twin of the SQL each dialect writes (<see cref="Warehouse.ISqlDialect.KeySampleHash"/>), used
/// where the warehouse has no MD5 and by tests that check the SQL. Keys are read as text: integers and text give the
/// same hash everywhere, floating-point keys may not.
/// </summary>
public static class KeySample
{
    /// <summary>2^52: hashes run from 0 to this, excluded.</summary>
    public const long HashRange = 1L << 52;

    /// <summary>The 52-bit hash of a key under a seed, as the warehouses compute it.</summary>
    public static long Hash(string key, int seed)
    {
        // MD5 is used as a portable mixing function that every warehouse computes the same way, not for security.
#pragma warning disable CA5351
        var digest = MD5.HashData(Encoding.UTF8.GetBytes(Prefix(seed) + key));
#pragma warning restore CA5351
        long first7 = 0;
        for (var i = 0; i < 7; i++)
        {
            first7 = (first7 << 8) | digest[i];
        }

        return first7 >> 4;
    }

    /// <summary>Hashes below this are kept: an integer, so SQL and C# compare exactly the same numbers.</summary>
    public static long Threshold(double fraction) =>
        fraction >= 1 ? HashRange : (long)Math.Floor(Math.Max(fraction, 0) * HashRange);

    public static bool Keeps(string key, int seed, double fraction) => Hash(key, seed) < Threshold(fraction);

    /// <summary>What goes before the key's text in the hashed string.</summary>
    public static string Prefix(int seed) => seed.ToString(CultureInfo.InvariantCulture) + ":";
}
