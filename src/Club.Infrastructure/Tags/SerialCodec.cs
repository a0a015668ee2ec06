using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Club.Infrastructure.Tags;

public enum SerialParse
{
    Valid,
    Malformed,
    WrongCheckCharacter,
}

/// <summary>
/// Tag id &lt;-&gt; printed serial: 12 Crockford symbols that are FF1 (NIST SP 800-38G, radix 32, empty
/// tweak) of the id, plus a check symbol. FF1 is a keyed permutation of the 32^12 values, so serials
/// are unique by construction and reveal neither volumes nor neighbours; reading one is a decryption.
/// For radix 32 the numeral/integer conversions are bit packing (6 symbols = 30 bits), and every round
/// is one AES block per id: <see cref="EncodeRange"/> runs a whole chunk of ids through AES-ECB at once.
/// BouncyCastle's FpeFf1Engine is the reference in the tests.
/// </summary>
public sealed class SerialCodec
{
    public const int DataLength = 12;
    public const int Length = DataLength + 1;
    public const long MaxId = (1L << 60) - 1;

    private const int Rounds = 10;
    private const int HalfBits = 30;
    private const uint HalfMask = (1u << HalfBits) - 1;

    // One ECB encryptor per thread: the codec is a singleton used by concurrent requests, and a transform
    // may not be shared between threads. Kept, not made per call: Aes.EncryptEcb sets up a native cipher
    // context with its key schedule on every call, which was half of a scan page's serial decoding.
    private readonly ThreadLocal<ICryptoTransform> encryptor;

    // CIPH_K(P): the first CBC-MAC block of every round's PRF input is the same constant P.
    private readonly byte[] encryptedP;

    public SerialCodec(byte[] key)
    {
        var keyCopy = key.ToArray();
        encryptor = new ThreadLocal<ICryptoTransform>(() =>
        {
            using var cipher = Aes.Create();
            cipher.Key = keyCopy;
            cipher.Mode = CipherMode.ECB;
            cipher.Padding = PaddingMode.None;
            return cipher.CreateEncryptor();
        });
        // P = [1][2][1] [radix]^3 [10] [u mod 256] [n]^4 [t]^4 with radix 32, u 6, n 12, t 0.
        byte[] p = [1, 2, 1, 0, 0, 32, Rounds, DataLength / 2, 0, 0, 0, DataLength, 0, 0, 0, 0];
        encryptedP = new byte[p.Length];
        encryptor.Value!.TransformBlock(p, 0, p.Length, encryptedP, 0);
    }

    public string Encode(long id) => EncodeRange(id, 1)[0];

    /// <summary>Serials of the ids first, first + 1, ..., first + count - 1.</summary>
    public string[] EncodeRange(long first, int count)
    {
        if (first < 0 || count < 0 || first > MaxId - count + 1 || count > int.MaxValue / 16)
        {
            throw new ArgumentOutOfRangeException(nameof(first), "Tag ids are 60-bit numbers.");
        }

        var a = new uint[count];
        var b = new uint[count];
        for (var i = 0; i < count; i++)
        {
            var id = first + i;
            a[i] = (uint)(id >> HalfBits);
            b[i] = (uint)id & HalfMask;
        }

        var blocks = new byte[count * 16];
        for (var round = 0; round < Rounds; round++)
        {
            Prf(round, b, blocks);
            for (var i = 0; i < count; i++)
            {
                var c = (uint)((a[i] + Y(blocks, i)) & HalfMask);
                a[i] = b[i];
                b[i] = c;
            }
        }

        var serials = new string[count];
        for (var i = 0; i < count; i++)
        {
            serials[i] = Format(((long)a[i] << HalfBits) | b[i]);
        }

        return serials;
    }

    public SerialParse TryDecode(string? serial, out long id)
    {
        id = 0;
        var canonical = Crockford.Normalize(serial);
        if (canonical is null || canonical.Length != Length)
        {
            return SerialParse.Malformed;
        }

        if (Crockford.CheckSymbol(canonical.AsSpan(0, DataLength)) != canonical[DataLength])
        {
            return SerialParse.WrongCheckCharacter;
        }

        long value = 0;
        for (var i = 0; i < DataLength; i++)
        {
            value = (value << 5) | (uint)Crockford.ValueOf(canonical[i]);
        }

        uint[] a = [(uint)(value >> HalfBits)];
        uint[] b = [(uint)value & HalfMask];
        var block = new byte[16];
        for (var round = Rounds - 1; round >= 0; round--)
        {
            // Decryption: C = B, B = A, A = (NUM(C) - y) mod 2^30 with y from the PRF of the new B.
            var c = b[0];
            b[0] = a[0];
            Prf(round, b, block);
            a[0] = (uint)((c - Y(block, 0)) & HalfMask);
        }

        id = ((long)a[0] << HalfBits) | b[0];
        return SerialParse.Valid;
    }

    /// <summary>
    /// R = CIPH(CIPH(P) xor Q) for every id at once, Q = [0]^11 [round] [NUM(B)]^4 (b = 4 bytes).
    /// </summary>
    private void Prf(int round, uint[] b, byte[] blocks)
    {
        var length = b.Length * 16;
        var span = blocks.AsSpan(0, length);
        for (var i = 0; i < b.Length; i++)
        {
            var q = span.Slice(i * 16, 16);
            encryptedP.CopyTo(q);
            q[11] ^= (byte)round;
            BinaryPrimitives.WriteUInt32BigEndian(q[12..], BinaryPrimitives.ReadUInt32BigEndian(q[12..]) ^ b[i]);
        }

        // ECB keeps no state between blocks or calls, so the same encryptor serves every round, in place.
        encryptor.Value!.TransformBlock(blocks, 0, length, blocks, 0);
    }

    /// <summary>y = NUM(S) with S the first d = 8 bytes of R; only y mod 2^30 matters.</summary>
    private static ulong Y(byte[] blocks, int index) => BinaryPrimitives.ReadUInt64BigEndian(blocks.AsSpan(index * 16, 8));

    private static string Format(long value)
    {
        return string.Create(Length, value, static (chars, v) =>
        {
            for (var i = DataLength - 1; i >= 0; i--)
            {
                chars[i] = Crockford.Alphabet[(int)(v & 31)];
                v >>= 5;
            }

            chars[DataLength] = Crockford.CheckSymbol(chars[..DataLength]);
        });
    }
}
