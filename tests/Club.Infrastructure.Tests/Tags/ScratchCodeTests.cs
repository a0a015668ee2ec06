using Club.Infrastructure.Tags;
using Club.Testing;

namespace Club.Infrastructure.Tests.Tags;

public class ScratchCodeTests
{
    [Fact]
    public void Codes_are_eleven_crockford_symbols_shown_in_groups()
    {
        var code = ScratchCode.Generate();

        code.Should().HaveLength(11).And.MatchRegex("^[0-9A-HJKMNP-TV-Z]{11}$");
        ScratchCode.Group(code).Should().MatchRegex("^.{4}-.{4}-.{3}$");
        ScratchCode.TryParse(ScratchCode.Group(code), out var canonical).Should().Be(ScratchParse.Valid);
        canonical.Should().Be(code);
    }

    [Fact]
    public void A_hundred_thousand_codes_are_all_different()
    {
        ScratchCode.GenerateMany(100_000).Distinct().Should().HaveCount(100_000);
    }

    [Fact]
    public void Catches_every_single_symbol_typo_and_every_swap_of_neighbours()
    {
        foreach (var code in ScratchCode.GenerateMany(40))
        {
            foreach (var typo in SerialCodecTests.SingleSymbolTypos(code).Concat(SerialCodecTests.AdjacentSwaps(code)))
            {
                ScratchCode.TryParse(typo, out _).Should().Be(ScratchParse.WrongCheckCharacter, $"{typo} is a typo of {code}");
            }
        }
    }

    [Fact]
    public void Accepts_any_case_spaces_hyphens_and_look_alikes()
    {
        var code = ScratchCode.GenerateMany(200).First(c => c.Contains('1', StringComparison.Ordinal) || c.Contains('0', StringComparison.Ordinal));
        var typed = " " + string.Join(' ', code.ToLowerInvariant().Chunk(3).Select(c => new string(c))).Replace('1', 'i').Replace('0', 'O') + " ";

        ScratchCode.TryParse(typed, out var canonical).Should().Be(ScratchParse.Valid);
        canonical.Should().Be(code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("K7QM-2XRB")]
    [InlineData("K7QM-2XRB-9TD4-XX")]
    [InlineData("<script>alert(1)</script>")]
    public void Garbage_is_malformed(string? input)
    {
        ScratchCode.TryParse(input, out _).Should().Be(ScratchParse.Malformed);
    }

    [Fact]
    public void The_hash_matches_only_the_same_code_under_the_same_key()
    {
        var hasher = new ScratchHasher(TestKeys.ScratchBytes);
        var other = new ScratchHasher(TestKeys.SerialBytes);
        var codes = ScratchCode.GenerateMany(3);
        var hashes = new byte[3 * ScratchHasher.HashLength];
        hasher.HashMany(codes, hashes);

        hashes.AsSpan(0, 32).ToArray().Should().Equal(hasher.Hash(codes[0]));
        hasher.Matches(codes[1], hashes.AsSpan(32, 32)).Should().BeTrue();
        hasher.Matches(codes[0], hashes.AsSpan(32, 32)).Should().BeFalse();
        other.Matches(codes[1], hashes.AsSpan(32, 32)).Should().BeFalse();
    }
}
