namespace VideoRelay.WebRtc.Sdp;

/// <summary>Header extension ids negotiated for one media section; 0 means not negotiated.</summary>
/// <param name="Mid">Id of <see cref="RtpHeaderExtensionUris.Mid"/>.</param>
/// <param name="TransportWideCc">Id of <see cref="RtpHeaderExtensionUris.TransportWideCc"/>.</param>
/// <param name="PlayoutDelay">Id of <see cref="RtpHeaderExtensionUris.PlayoutDelay"/>.</param>
/// <param name="AbsSendTime">Id of <see cref="RtpHeaderExtensionUris.AbsSendTime"/>.</param>
public readonly record struct NegotiatedHeaderExtensions(int Mid, int TransportWideCc, int PlayoutDelay, int AbsSendTime);
