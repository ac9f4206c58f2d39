using TechTransfer.Rewards;

namespace TechTransfer.Portfolio;

/// <summary>
/// The annual-fee calendar of a Chinese patent (Patent Law art. 42-43, Implementing Rules art. 98): the fee of each patent
/// year is due by the anniversary of the filing date that begins it; one not paid by then may still be paid, with a
/// surcharge, within <see cref="GraceMonths"/> months, after which the patent lapses. No fee is due once the term has run
/// (invention 20 years, utility model 10, design 15 when filed from 1 June 2021, else 10; all from the filing date).
/// </summary>
public static class FeeCalendar
{
    /// <summary>The grace period after a missed due date (滞纳期).</summary>
    public const int GraceMonths = 6;

    /// <summary>Designs filed from this day have a 15-year term (the 2020 amendment of the Patent Law).</summary>
    public static readonly DateOnly LongerDesignTermFrom = new(2021, 6, 1);

    public static int TermYears(PatentKind? kind, DateOnly filed) => kind switch
    {
        PatentKind.UtilityModel => 10,
        PatentKind.Design => filed >= LongerDesignTermFrom ? 15 : 10,
        _ => 20,
    };

    /// <summary>The day the term ends (the patent expires at the end of the day before).</summary>
    public static DateOnly TermEnds(PatentKind? kind, DateOnly filed) => filed.AddYears(TermYears(kind, filed));

    /// <summary>The first fee due on or after <paramref name="from"/>: a filing anniversary inside the term; null once the term has run.</summary>
    public static DateOnly? NextDueOnOrAfter(PatentKind? kind, DateOnly filed, DateOnly from)
    {
        var years = TermYears(kind, filed);
        for (var k = Math.Max(1, from.Year - filed.Year - 1); k < years; k++)
        {
            var due = filed.AddYears(k);
            if (due >= from) return due;
        }
        return null;
    }

    /// <summary>The last fee due on or before <paramref name="day"/> (the one a patent in its grace period missed); null before the first.</summary>
    public static DateOnly? LastDueOnOrBefore(PatentKind? kind, DateOnly filed, DateOnly day)
    {
        DateOnly? last = null;
        var years = TermYears(kind, filed);
        for (var k = 1; k < years && filed.AddYears(k) <= day; k++) last = filed.AddYears(k);
        return last;
    }

    /// <summary>The last day a fee due on <paramref name="due"/> may still be paid with a surcharge.</summary>
    public static DateOnly GraceEnds(DateOnly due) => due.AddMonths(GraceMonths);

    /// <summary>
    /// The status on <paramref name="today"/> of a patent whose next unpaid fee is due on <paramref name="due"/> (null: none
    /// left, the term runs to its end): valid until the due date, in the grace period for six months after it, lapsed after.
    /// </summary>
    public static PatentLegalStatus StatusOn(PatentKind? kind, DateOnly filed, DateOnly? due, DateOnly today)
    {
        if (today >= TermEnds(kind, filed)) return PatentLegalStatus.Lapsed;
        if (due is not { } d || today <= d) return PatentLegalStatus.Valid;
        return today <= GraceEnds(d) ? PatentLegalStatus.GracePeriod : PatentLegalStatus.Lapsed;
    }
}
