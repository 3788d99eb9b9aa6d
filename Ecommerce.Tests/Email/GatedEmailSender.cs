using System.Collections.Concurrent;
using Ecommerce.Core.Email;

namespace Ecommerce.Tests.Email;

/// <summary>
/// A mail server the test controls: it records every mail that went out, and can hold the next send (a slow SMTP round
/// trip) until the test lets it finish or fail.
/// </summary>
public sealed class GatedEmailSender : IEmailSender
{
    private TaskCompletionSource<bool>? _next; // the gate the next send waits on
    private TaskCompletionSource<bool> _gate = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    /// <summary>The next send waits; the task completes once it has started.</summary>
    public Task HoldNext()
    {
        _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _next = _gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _arrived.Task;
    }

    /// <summary>The held send goes out, or fails as a dropped SMTP connection would.</summary>
    public void Release(bool fail = false) => _gate.TrySetResult(!fail);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _next, null) is { } held)
        {
            _arrived.TrySetResult();
            if (!await held.Task.WaitAsync(cancellationToken)) throw new IOException("The SMTP server closed the connection.");
        }
        Sent.Enqueue(message);
    }
}
