namespace Club.Domain.Tags;

/// <summary>Where a batch of tags is on its way from the factory to the shop counter.</summary>
public enum TagBatchState
{
    /// <summary>Codes exist and the print files are ready; nothing is printed yet.</summary>
    Generated = 0,
    Printed = 1,

    /// <summary>Sent to a partner; items are in transit.</summary>
    Shipped = 2,

    /// <summary>At the partner and on sale: sellers may record sales of its tags.</summary>
    Active = 3,

    /// <summary>Withdrawn (lost, spoiled, stolen): every tag of the batch reads as void.</summary>
    Voided = 4,
}
