using Club.Infrastructure.Tags;
using Club.Testing;
using Org.BouncyCastle.Crypto.Fpe;
using Org.BouncyCastle.Crypto.Parameters;

namespace Club.Infrastructure.Tests.Tags;

public class SerialCodecTests
{
    private readonly SerialCodec codec = new(TestKeys.SerialBytes);

    [Fact]
    public void Matches_bouncy_castles_ff1_on_random_ids()
    {
        var reference = new FpeFf1Engine();
        reference.Init(true, new FpeParameters(new KeyParameter(TestKeys.SerialBytes), 32, []));
        var random = new Random(20261125);
        var ids = Enumerable.Range(0, 2_000).Select(_ => random.NextInt64(0, SerialCodec.MaxId + 1)).Append(0).Append(1).Append(SerialCodec.MaxId).ToList();

        foreach (var id in ids)
        {
            var digits = new byte[SerialCodec.DataLength];
            for (var i = 0; i < digits.Length; i++)
            {
                digits[i] = (byte)((id >> (5 * (SerialCodec.DataLength - 1 - i))) & 31);
            }

            var encrypted = new byte[digits.Length];
            reference.ProcessBlock(digits, 0, digits.Length, encrypted, 0);
            var expected = new string(encrypted.Select(d => Crockford.Alphabet[d]).ToArray());

            codec.Encode(id)[..SerialCodec.DataLength].Should().Be(expected, $"id {id}");
        }
    }

    [Fact]
    public void The_batched_encoder_gives_the_same_serials_as_one_at_a_time()
    {
        var batch = codec.EncodeRange(1_000_000, 500);

        batch.Should().Equal(Enumerable.Range(0, 500).Select(i => codec.Encode(1_000_000 + i)));
    }

    [Fact]
    public void Round_trips_and_never_repeats_over_a_large_sample()
    {
        const int Count = 300_000;
        var serials = codec.EncodeRange(1, Count);

        serials.Distinct().Should().HaveCount(Count);
        for (var i = 0; i < Count; i += 97)
        {
            codec.TryDecode(serials[i], out var id).Should().Be(SerialParse.Valid);
            id.Should().Be(1 + i);
        }
    }

    [Fact]
    public void Neighbouring_ids_give_unrelated_serials()
    {
        var serials = codec.EncodeRange(5000, 50);

        // Sequential ids must not show as shared prefixes: on average 12 symbols differ.
        var sharedPrefix = serials.Zip(serials.Skip(1)).Select(p => p.First.Zip(p.Second).TakeWhile(c => c.First == c.Second).Count());
        sharedPrefix.Average().Should().BeLessThan(1);
    }

    [Fact]
    public void Catches_every_single_symbol_typo_and_every_swap_of_neighbours()
    {
        foreach (var serial in codec.EncodeRange(77, 40))
        {
            foreach (var typo in SingleSymbolTypos(serial).Concat(AdjacentSwaps(serial)))
            {
                codec.TryDecode(typo, out _).Should().Be(SerialParse.WrongCheckCharacter, $"{typo} is a typo of {serial}");
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABC")]
    [InlineData("ABCDEFGHJKMNPQ")]
    [InlineData("ABCDEFGHJKMN!")]
    [InlineData("ÄBCDEFGHJKMNP")]
    [InlineData("'; DROP TABLE tags; --")]
    public void Garbage_is_malformed(string? input)
    {
        codec.TryDecode(input, out _).Should().Be(SerialParse.Malformed);
    }

    [Fact]
    public void Oversized_input_is_refused_without_work()
    {
        codec.TryDecode(new string('A', 100_000), out _).Should().Be(SerialParse.Malformed);
    }

    [Fact]
    public void Reads_what_people_type_lower_case_with_spaces_and_look_alikes()
    {
        var serial = codec.Encode(123_456);
        var typed = serial.ToLowerInvariant().Insert(4, " ").Insert(9, "-").Replace('1', 'l').Replace('0', 'o');

        codec.TryDecode(typed, out var id).Should().Be(SerialParse.Valid);
        id.Should().Be(123_456);
    }

    internal static IEnumerable<string> SingleSymbolTypos(string code)
    {
        for (var i = 0; i < code.Length; i++)
        {
            foreach (var symbol in Crockford.Alphabet.Where(s => s != code[i]))
            {
                yield return code[..i] + symbol + code[(i + 1)..];
            }
        }
    }

    internal static IEnumerable<string> AdjacentSwaps(string code)
    {
        for (var i = 0; i + 1 < code.Length; i++)
        {
            if (code[i] != code[i + 1])
            {
                yield return code[..i] + code[i + 1] + code[i] + code[(i + 2)..];
            }
        }
    }
}
