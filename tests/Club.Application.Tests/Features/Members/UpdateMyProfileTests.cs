using Club.Application.Abstractions;
using Club.Application.Features.Members;
using Club.Testing;

namespace Club.Application.Tests.Features.Members;

public class UpdateMyProfileTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Saves_name_birthday_and_city()
    {
        var id = await db.IdOfAsync("buyer@club.demo");

        var result = await db.SendAsync<Result>(new UpdateMyProfileCommand(id, "  Анна Петрова ", new DateOnly(1990, 2, 28), "Тула"));

        result.Succeeded.Should().BeTrue();
        var profile = await db.SendAsync<MyProfile>(new GetMyProfileQuery(id));
        profile.FullName.Should().Be("Анна Петрова");
        profile.Birthday.Should().Be(new DateOnly(1990, 2, 28));
        profile.City.Should().Be("Тула");
    }

    [Theory]
    [InlineData("", null, "Enter your name.")]
    [InlineData("   ", null, "Enter your name.")]
    [InlineData("x", "2999-01-01", "Enter a real date of birth.")]
    [InlineData("x", "1800-01-01", "Enter a real date of birth.")]
    public async Task Rejects_bad_input_and_changes_nothing(string name, string? birthday, string expectedError)
    {
        var id = await db.IdOfAsync("factory@club.demo");
        var before = await db.SendAsync<MyProfile>(new GetMyProfileQuery(id));

        var result = await db.SendAsync<Result>(new UpdateMyProfileCommand(
            id, name, birthday is null ? null : DateOnly.Parse(birthday, System.Globalization.CultureInfo.InvariantCulture), "Город"));

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.ErrorMessage).Should().Contain(expectedError);
        (await db.SendAsync<MyProfile>(new GetMyProfileQuery(id))).Should().Be(before);
    }

    [Fact]
    public async Task Rejects_an_oversized_name()
    {
        var id = await db.IdOfAsync("factory@club.demo");

        var result = await db.SendAsync<Result>(new UpdateMyProfileCommand(id, new string('я', 5000), null, null));

        result.Errors.Select(e => e.ErrorMessage).Should().Contain("The name is too long.");
    }
}
