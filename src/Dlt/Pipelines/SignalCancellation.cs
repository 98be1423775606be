using System.Runtime.InteropServices;
using Dlt.Progress;

namespace Dlt.Pipelines;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM during a pipeline call into a cancellation: no new
/// work starts, running load jobs roll back, and what was published stays for the next run to
/// resume. A second signal is left to the runtime and ends the process at once.
/// </summary>
internal sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration[] _registrations;
    private readonly PipelineLog _log;
    private int _signalled;

    private SignalCancellation(CancellationToken cancellationToken, bool listen, PipelineLog log)
    {
        _log = log;
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _registrations = listen
            ? [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)]
            : [];
    }

    /// <summary>Cancelled by the caller's token or by the first signal.</summary>
    public CancellationToken Token => _source.Token;

    public static SignalCancellation Listen(CancellationToken cancellationToken, bool listen, PipelineLog log) => new(cancellationToken, listen, log);

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 1)
        {
            return;
        }

        context.Cancel = true;
        _log.Warning($"Received {context.Signal}: stopping after the running work rolls back or finishes; run the pipeline again to resume. Send it again to stop at once.");
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }
}
