using System.Security.Cryptography;
using System.Text;

namespace HybridGateway.Configuration.Credentials;

/// <summary>
/// The stored form of an API key: its SHA-256, hex. Keys are looked up by this hash, so it
/// carries no salt; the key's own entropy (32 random characters when generated) protects it.
/// </summary>
public static class KeyHash
{
    public const int HexLength = 64;

    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsWellFormed(string value) =>
        value.Length == HexLength && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>True when the presented key hashes to the stored hash, compared in constant time.</summary>
    public static bool Matches(string presentedKey, string storedHash)
    {
        Span<byte> presented = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey), presented);
        return Matches(presented, storedHash);
    }

    /// <summary>The SHA-256 of a presented key, for a lookup (<see cref="Hex"/>) and then <see cref="Matches(ReadOnlySpan{byte}, string)"/>.</summary>
    public static void Digest(string presentedKey, Span<byte> digest) => SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey), digest);

    public static string Hex(ReadOnlySpan<byte> digest) => Convert.ToHexStringLower(digest);

    /// <summary>True when a presented key's digest equals the stored hash, compared in constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> presented, string storedHash)
    {
        Span<byte> stored = stackalloc byte[32];
        return Convert.FromHexString(storedHash, stored, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == 32
            && CryptographicOperations.FixedTimeEquals(presented, stored);
    }
}
