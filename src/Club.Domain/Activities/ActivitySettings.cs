namespace Club.Domain.Activities;

/// <summary>
/// The one row of activity settings a program manager edits: the brand's social network pages and
/// whether subscription claims are paid at once or wait for a manager.
/// </summary>
public sealed class ActivitySettings
{
    public const int SingletonId = 1;
    public const int MaxUrlLength = 300;

    public int Id { get; set; } = SingletonId;
    public string? VkUrl { get; set; }
    public string? InstagramUrl { get; set; }
    public string? FacebookUrl { get; set; }
    public string? YouTubeUrl { get; set; }
    public string? OkUrl { get; set; }

    /// <summary>True: a claim is paid when made. False: it waits in the manager's approval queue.</summary>
    public bool SocialAutoApprove { get; set; }

    public string? LinkOf(SocialNetwork network) => network switch
    {
        SocialNetwork.Vk => VkUrl,
        SocialNetwork.Instagram => InstagramUrl,
        SocialNetwork.Facebook => FacebookUrl,
        SocialNetwork.YouTube => YouTubeUrl,
        _ => OkUrl,
    };
}
