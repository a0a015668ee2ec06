namespace Club.Domain.Activities;

public enum SurveyTarget
{
    Buyers = 0,

    /// <summary>Active sellers of every partner.</summary>
    Sellers = 1,

    /// <summary>The sellers and managers of one partner (<see cref="Survey.PartnerId"/>).</summary>
    PartnerPeople = 2,

    /// <summary>Buyers who registered an item at least <see cref="Survey.DaysAfterItem"/> days ago.</summary>
    BuyersAfterItem = 3,

    /// <summary>
    /// One partner's buyers (<see cref="Survey.PartnerId"/>): members owning an item shipped to the partner or
    /// sold by its sellers (a confirmed sale). Run by the partner's managers or the brand; pays no points.
    /// </summary>
    PartnerBuyers = 4,
}

/// <summary>
/// A survey a program manager builds. Members it targets answer it once while it is open; the
/// scheduled reward command pays its points once per completed response.
/// </summary>
public sealed class Survey
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxQuestions = 50;

    /// <summary>The longest wait after an item's registration that a survey for recent buyers can ask for (ten years).</summary>
    public const int MaxDaysAfterItem = 3650;

    public int Id { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public SurveyTarget Target { get; set; }
    public int? PartnerId { get; set; }
    public int? DaysAfterItem { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public int Points { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public List<SurveyQuestion> Questions { get; set; } = [];
}

public enum QuestionKind
{
    SingleChoice = 0,
    MultipleChoice = 1,

    /// <summary>1 to 5.</summary>
    Rating = 2,
    FreeText = 3,
}

public sealed class SurveyQuestion
{
    public const int MaxTextLength = 500;
    public const int MaxOptions = 20;
    public const int MaxOptionLength = 200;

    public int Id { get; set; }
    public int SurveyId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public QuestionKind Kind { get; set; }
    public bool IsRequired { get; set; }

    /// <summary>The choices of a single or multiple choice question, in order.</summary>
    public List<string> Options { get; set; } = [];

    /// <summary>
    /// A rating question about the seller who recorded the sale of the buyer's item: the answer keeps
    /// that seller's id, so a report can average ratings per seller.
    /// </summary>
    public bool AboutSeller { get; set; }
}

/// <summary>One member's completed survey; unique per survey and member.</summary>
public sealed class SurveyResponse
{
    public long Id { get; set; }
    public int SurveyId { get; set; }
    public Guid MemberId { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public List<SurveyAnswer> Answers { get; set; } = [];
}

public sealed class SurveyAnswer
{
    public const int MaxTextLength = 2000;

    public long Id { get; set; }
    public long ResponseId { get; set; }
    public int QuestionId { get; set; }

    /// <summary>Indexes (0-based) of the chosen options of a choice question.</summary>
    public List<int> Choices { get; set; } = [];

    public short? Rating { get; set; }
    public string? Text { get; set; }

    /// <summary>For a rating about the seller: the seller who recorded the sale of the buyer's latest item.</summary>
    public Guid? SellerId { get; set; }
}
