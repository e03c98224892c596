using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Serialization;

namespace HybridGateway.Configuration.State;

/// <summary>
/// The content hash of a whole config: the sum, modulo 2^256, of the SHA-256 of every entity.
/// A sum does not depend on order and can be updated per change (subtract the old entity, add the
/// new), so a delta is checked against the same hash a full snapshot would have, at the cost of the delta.
/// </summary>
public readonly record struct ConfigHash(ulong L0, ulong L1, ulong L2, ulong L3)
{
    public static ConfigHash Empty => default;

    public static ConfigHash OfEntity(EntityKind kind, ConfigEntity entity)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(entity, kind.ClrType, ConfigJson.Options);
        var prefix = Encoding.ASCII.GetBytes(kind.Name + "\n");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(prefix);
        sha.AppendData(json);
        Span<byte> digest = stackalloc byte[32];
        sha.GetHashAndReset(digest);
        return FromBytes(digest);
    }

    public ConfigHash Add(ConfigHash other)
    {
        var (r0, c0) = AddWithCarry(L0, other.L0, 0);
        var (r1, c1) = AddWithCarry(L1, other.L1, c0);
        var (r2, c2) = AddWithCarry(L2, other.L2, c1);
        var (r3, _) = AddWithCarry(L3, other.L3, c2);
        return new ConfigHash(r0, r1, r2, r3);
    }

    public ConfigHash Subtract(ConfigHash other) => Add(other.Negate());

    public static bool TryParse(string? text, out ConfigHash hash)
    {
        hash = Empty;
        if (text is null || text.Length != 64)
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[32];
        if (Convert.FromHexString(text, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }
        hash = FromBytes(bytes);
        return true;
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, L3);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], L2);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], L1);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], L0);
        return Convert.ToHexStringLower(bytes);
    }

    private ConfigHash Negate()
    {
        // Two's complement over 256 bits: invert and add one.
        var inverted = new ConfigHash(~L0, ~L1, ~L2, ~L3);
        return inverted.Add(new ConfigHash(1, 0, 0, 0));
    }

    private static ConfigHash FromBytes(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes));

    private static (ulong Sum, ulong Carry) AddWithCarry(ulong a, ulong b, ulong carry)
    {
        var sum = a + b;
        var c = sum < a ? 1UL : 0UL;
        var total = sum + carry;
        if (total < sum)
        {
            c = 1;
        }
        return (total, c);
    }
}
