using System.Security.Cryptography;
using System.Text;
using Club.Infrastructure.Security;

namespace Club.Infrastructure.Tags;

/// <summary>
/// Seals print files (plain scratch codes) before they go into the database. The key is derived from the
/// scratch key, which is never in the database, so a dump or backup of the database alone does not reveal
/// the codes. The batch and file name are authenticated too: a sealed file cannot be moved to another batch.
/// </summary>
internal sealed class PrintFileSeal(ClubKeys keys)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] key = HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.Scratch, 32, info: "club print files v1"u8.ToArray());

    public byte[] Seal(int batchId, string name, byte[] plain)
    {
        var sealedFile = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedFile.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedFile.AsSpan(NonceSize + TagSize), sealedFile.AsSpan(NonceSize, TagSize), Context(batchId, name));
        return sealedFile;
    }

    public byte[] Open(int batchId, string name, byte[] sealedFile)
    {
        var plain = new byte[sealedFile.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedFile.AsSpan(0, NonceSize), sealedFile.AsSpan(NonceSize + TagSize), sealedFile.AsSpan(NonceSize, TagSize), plain,
            Context(batchId, name));
        return plain;
    }

    private static byte[] Context(int batchId, string name) => Encoding.UTF8.GetBytes($"{batchId}/{name}");
}
