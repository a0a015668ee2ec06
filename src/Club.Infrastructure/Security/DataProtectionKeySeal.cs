using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Infrastructure.Security;

/// <summary>
/// Seals the data-protection keys (they sign cookies and antiforgery tokens) before they are stored in
/// PostgreSQL, with AES-GCM under a key derived from the scratch key, which is never in the database: a
/// dump or backup alone cannot forge a session. Keys written before this was added stay readable.
/// The keys are resolved when a key is first sealed, not when the options are built, so a start without
/// tag keys still reaches the startup checks that explain what to set.
/// </summary>
public sealed class DataProtectionKeySeal(IServiceProvider services) : IXmlEncryptor
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Context = "data-protection key"u8.ToArray();

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedKey = new byte[NonceSize + TagSize + plain.Length];
        RandomNumberGenerator.Fill(sealedKey.AsSpan(0, NonceSize));
        using var aes = new AesGcm(Key(services.GetRequiredService<ClubKeys>()), TagSize);
        aes.Encrypt(sealedKey.AsSpan(0, NonceSize), plain, sealedKey.AsSpan(NonceSize + TagSize), sealedKey.AsSpan(NonceSize, TagSize), Context);
        return new EncryptedXmlInfo(new XElement("sealedKey", Convert.ToBase64String(sealedKey)), typeof(Decryptor));
    }

    private static byte[] Key(ClubKeys keys) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.Scratch, 32, info: "club data protection keys v1"u8.ToArray());

    /// <summary>Made by the data-protection system from the type name stored with each key (hence the service provider).</summary>
    public sealed class Decryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement)
        {
            var sealedKey = Convert.FromBase64String(encryptedElement.Value);
            var plain = new byte[sealedKey.Length - NonceSize - TagSize];
            using var aes = new AesGcm(Key(services.GetRequiredService<ClubKeys>()), TagSize);
            aes.Decrypt(sealedKey.AsSpan(0, NonceSize), sealedKey.AsSpan(NonceSize + TagSize), sealedKey.AsSpan(NonceSize, TagSize), plain, Context);
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
    }
}
