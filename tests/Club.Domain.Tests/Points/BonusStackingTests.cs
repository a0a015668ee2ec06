using Club.Domain.Points;

namespace Club.Domain.Tests.Points;

public class BonusStackingTests
{
    // The table as the rules page states it, row by row in the order of Bonus:
    // Promotion, FirstItem, Welcome, Referral, TierMultiplier, CollectorMultiplier. Y = both paid, N = not, - = itself.
    private static readonly string[] Table =
    [
        "-YNYYY",
        "Y-YYYY",
        "NY-NYY",
        "YYN-YY",
        "YYYY-N",
        "YYYYN-",
    ];

    public static TheoryData<Bonus, Bonus, bool> Cells()
    {
        var data = new TheoryData<Bonus, Bonus, bool>();
        foreach (var row in BonusStacking.All)
        {
            foreach (var column in BonusStacking.All)
            {
                data.Add(row, column, Table[(int)row][(int)column] == 'Y');
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Each_cell_of_the_stacking_table_says_whether_the_two_are_paid_together(Bonus row, Bonus column, bool combines)
    {
        BonusStacking.Combines(row, column).Should().Be(combines);
        (BonusStacking.ExclusionRule(row, column) is not null).Should().Be(row != column && !combines, "every pair that does not combine states its rule");
    }

    [Fact]
    public void Only_the_larger_multiplier_applies_and_none_means_one()
    {
        BonusStacking.RegistrationMultiplier(1.5m, 2m).Should().Be(2m);
        BonusStacking.RegistrationMultiplier(1.25m, 1m).Should().Be(1.25m);
        BonusStacking.RegistrationMultiplier(1m, 1m).Should().Be(1m);
    }

    [Fact]
    public void A_bonus_waits_when_anything_already_paid_does_not_combine_with_it()
    {
        BonusStacking.CombinesWithAll(Bonus.Welcome, []).Should().BeTrue();
        BonusStacking.CombinesWithAll(Bonus.Welcome, [Bonus.FirstItem]).Should().BeTrue();
        BonusStacking.CombinesWithAll(Bonus.Welcome, [Bonus.FirstItem, Bonus.Promotion]).Should().BeFalse();
    }
}
