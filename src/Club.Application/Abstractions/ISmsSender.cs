namespace Club.Application.Abstractions;

/// <summary>
/// Sends a text message to a phone. There is no SMS gateway contract yet: the embedded implementation
/// writes each message as a file into a local folder, like the mail pickup folder.
/// </summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken cancellationToken = default);
}
