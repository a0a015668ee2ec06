using Club.Domain.Members;

namespace Club.Domain.Tests.Members;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("+7 916 123-45-67", "+79161234567")]
    [InlineData("8 (916) 123-45-67", "+79161234567")]
    [InlineData("89161234567", "+79161234567")]
    [InlineData("9161234567", "+79161234567")]
    [InlineData(" +7(916)1234567 ", "+79161234567")]
    [InlineData("+375 29 123-45-67", "+375291234567")]
    public void Normalises_the_ways_people_write_a_number(string input, string expected)
    {
        PhoneNumber.TryNormalize(input, out var normalized).Should().BeTrue();
        normalized.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345")]
    [InlineData("+7 916 123 45 67 ext 5")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("+0123456789")]
    [InlineData("+1234567890123456")]
    public void Rejects_what_is_not_a_phone_number(string? input)
    {
        PhoneNumber.TryNormalize(input, out _).Should().BeFalse();
    }

    [Fact]
    public void Rejects_oversized_input_without_scanning_it()
    {
        PhoneNumber.TryNormalize(new string('1', 10_000), out _).Should().BeFalse();
    }
}
