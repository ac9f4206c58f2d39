using TechTransfer.Portfolio;
using TechTransfer.Rewards;

namespace TechTransfer.Tests.Portfolio;

/// <summary>The annual-fee calendar: due on each filing anniversary inside the term, six months' grace, then lapsed; terms by kind.</summary>
public sealed class FeeCalendarTests
{
    private static readonly DateOnly Filed = new(2020, 5, 10);

    [Fact]
    public void The_next_fee_is_due_on_the_next_filing_anniversary_on_or_after_a_day()
    {
        Assert.Equal(new DateOnly(2027, 5, 10), FeeCalendar.NextDueOnOrAfter(PatentKind.Invention, Filed, new DateOnly(2026, 12, 7)));
        Assert.Equal(new DateOnly(2026, 5, 10), FeeCalendar.NextDueOnOrAfter(PatentKind.Invention, Filed, new DateOnly(2026, 5, 10)));
        Assert.Equal(new DateOnly(2026, 5, 10), FeeCalendar.LastDueOnOrBefore(PatentKind.Invention, Filed, new DateOnly(2026, 12, 7)));
    }

    [Fact]
    public void No_fee_is_due_once_the_term_has_run()
    {
        Assert.Equal(new DateOnly(2029, 5, 10), FeeCalendar.NextDueOnOrAfter(PatentKind.UtilityModel, Filed, new DateOnly(2029, 1, 1)));
        Assert.Null(FeeCalendar.NextDueOnOrAfter(PatentKind.UtilityModel, Filed, new DateOnly(2029, 6, 1)));
        Assert.Equal(15, FeeCalendar.TermYears(PatentKind.Design, new DateOnly(2021, 6, 1)));
        Assert.Equal(10, FeeCalendar.TermYears(PatentKind.Design, new DateOnly(2021, 5, 31)));
        Assert.Equal(PatentLegalStatus.Lapsed, FeeCalendar.StatusOn(PatentKind.UtilityModel, Filed, null, new DateOnly(2030, 5, 10)));
    }

    [Fact]
    public void An_unpaid_fee_gives_six_months_of_grace_then_the_patent_lapses()
    {
        var due = new DateOnly(2026, 5, 10);
        Assert.Equal(PatentLegalStatus.Valid, FeeCalendar.StatusOn(PatentKind.Invention, Filed, due, due));
        Assert.Equal(PatentLegalStatus.GracePeriod, FeeCalendar.StatusOn(PatentKind.Invention, Filed, due, due.AddDays(1)));
        Assert.Equal(PatentLegalStatus.GracePeriod, FeeCalendar.StatusOn(PatentKind.Invention, Filed, due, new DateOnly(2026, 11, 10)));
        Assert.Equal(PatentLegalStatus.Lapsed, FeeCalendar.StatusOn(PatentKind.Invention, Filed, due, new DateOnly(2026, 11, 11)));
    }
}
