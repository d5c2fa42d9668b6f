using System.Security.Cryptography;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Registry;

/// <summary>What an artifact holds, which names its file: a model zip or its scoring plan.</summary>
public enum ArtifactKind
{
    Model,
    Plan,
}

/// <summary>
/// Model artifacts and their scoring plans, content-addressed by SHA-256 under the artifact folder (default:
/// data/artifacts). Writing the same bytes twice stores them once; a file appears complete or not at all.
/// </summary>
public sealed class ArtifactStore(DataFolder data)
{
    public string Root { get; } = data.File("artifacts");

    /// <summary>The address of an artifact: the SHA-256 of its bytes, in lower-case hex.</summary>
    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public async Task<(string Sha256, long Bytes)> PutAsync(byte[] content, CancellationToken ct = default) =>
        await PutAsync(content, ArtifactKind.Model, ct);

    public async Task<(string Sha256, long Bytes)> PutAsync(byte[] content, ArtifactKind kind, CancellationToken ct = default)
    {
        var sha = Sha256Of(content);
        var path = PathOf(sha, kind);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + $".{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, content, ct);
            File.Move(temporary, path, overwrite: true);
        }

        return (sha, content.LongLength);
    }

    public Task<byte[]> GetAsync(string sha256, CancellationToken ct = default) => GetAsync(sha256, ArtifactKind.Model, ct);

    public async Task<byte[]> GetAsync(string sha256, ArtifactKind kind, CancellationToken ct = default)
    {
        var path = PathOf(sha256, kind);
        var what = kind == ArtifactKind.Model ? "model artifact" : "scoring plan";
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} {sha256} is not in {Root}: it was purged or the folder moved.", path);
        }

        var content = await File.ReadAllBytesAsync(path, ct);
        var actual = Convert.ToHexStringLower(SHA256.HashData(content));
        return actual == sha256
            ? content
            : throw new InvalidDataException($"The {what} {sha256} is corrupt (its content hashes to {actual}): {path}.");
    }

    public bool Exists(string sha256, ArtifactKind kind = ArtifactKind.Model) => File.Exists(PathOf(sha256, kind));

    public void Delete(string sha256, ArtifactKind kind = ArtifactKind.Model)
    {
        var path = PathOf(sha256, kind);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Where an artifact lives: artifacts/ab/abcd….zip for a model, ….plan.json for a plan.</summary>
    public string PathOf(string sha256, ArtifactKind kind = ArtifactKind.Model)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256.", nameof(sha256));
        }

        return Path.Combine(Root, sha256[..2], sha256 + (kind == ArtifactKind.Model ? ".zip" : ".plan.json"));
    }
}
