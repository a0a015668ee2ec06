using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Mail;

/// <summary>The MailDelivery job's body: send what the outbox holds; returns how many mails were sent.</summary>
public sealed record DeliverMailCommand : ICommand<int>;

public sealed class DeliverMailHandler(IMailDelivery delivery) : ICommandHandler<DeliverMailCommand, int>
{
    public async ValueTask<int> Handle(DeliverMailCommand command, CancellationToken cancellationToken) =>
        await delivery.DeliverDueAsync(cancellationToken);
}
