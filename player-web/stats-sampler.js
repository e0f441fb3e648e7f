// Turns RTCPeerConnection.getStats() reports into the numbers the overlay shows. Rates and per-frame figures use
// the difference since the previous sample (what is happening now), not lifetime averages.

function statsArray(report) {
  if (!report) return [];
  if (typeof report.values === 'function') return [...report.values()];
  return Array.isArray(report) ? report : Object.values(report);
}

function delta(now, prev, key) {
  const a = now?.[key];
  const b = prev?.[key];
  return typeof a === 'number' && typeof b === 'number' ? a - b : undefined;
}

function perFrameMs(now, prev, totalKey, countKey) {
  const dTotal = delta(now, prev, totalKey);
  const dCount = delta(now, prev, countKey);
  if (dTotal !== undefined && dCount > 0) return (dTotal / dCount) * 1000;
  const total = now?.[totalKey];
  const count = now?.[countKey];
  return typeof total === 'number' && count > 0 ? (total / count) * 1000 : undefined;
}

export class StatsSampler {
  constructor() {
    this.prev = null; // { video, audio, t }
    this.summary = {};
  }

  /** @param report RTCStatsReport (or an array/Map of stats objects) @param tMs sample time in ms */
  update(report, tMs) {
    const all = statsArray(report);
    const video = all.find((s) => s.type === 'inbound-rtp' && (s.kind ?? s.mediaType) === 'video');
    const audio = all.find((s) => s.type === 'inbound-rtp' && (s.kind ?? s.mediaType) === 'audio');
    const transport = all.find((s) => s.type === 'transport');
    const pair = all.find((s) => s.type === 'candidate-pair' && (s.id === transport?.selectedCandidatePairId ||
      (!transport?.selectedCandidatePairId && s.nominated && s.state === 'succeeded')));
    const prevVideo = this.prev?.video;
    const prevAudio = this.prev?.audio;
    const dt = this.prev ? (tMs - this.prev.t) / 1000 : 0;

    const dBytes = (delta(video, prevVideo, 'bytesReceived') ?? 0) + (delta(audio, prevAudio, 'bytesReceived') ?? 0);
    const dLost = delta(video, prevVideo, 'packetsLost');
    const dRecv = delta(video, prevVideo, 'packetsReceived');
    const dFrames = delta(video, prevVideo, 'framesDecoded');

    this.summary = {
      width: video?.frameWidth ?? 0,
      height: video?.frameHeight ?? 0,
      fps: video?.framesPerSecond ?? (dt > 0 && dFrames !== undefined ? dFrames / dt : 0),
      bitrateKbps: dt > 0 ? (dBytes * 8) / dt / 1000 : 0,
      videoBitrateKbps: dt > 0 ? ((delta(video, prevVideo, 'bytesReceived') ?? 0) * 8) / dt / 1000 : 0,
      packetsReceived: video?.packetsReceived ?? 0,
      packetsLost: video?.packetsLost ?? 0,
      lossPercent: dLost !== undefined && dRecv !== undefined && dLost + dRecv > 0 ? (100 * Math.max(0, dLost)) / (dLost + dRecv) : 0,
      nackCount: video?.nackCount ?? 0,
      pliCount: video?.pliCount ?? 0,
      firCount: video?.firCount ?? 0,
      jitterBufferMsPerFrame: perFrameMs(video, prevVideo, 'jitterBufferDelay', 'jitterBufferEmittedCount'),
      jitterBufferTargetMsPerFrame: perFrameMs(video, prevVideo, 'jitterBufferTargetDelay', 'jitterBufferEmittedCount'),
      decodeMsPerFrame: perFrameMs(video, prevVideo, 'totalDecodeTime', 'framesDecoded'),
      processingMsPerFrame: perFrameMs(video, prevVideo, 'totalProcessingDelay', 'framesDecoded'),
      framesDecoded: video?.framesDecoded ?? 0,
      framesDropped: video?.framesDropped ?? 0,
      freezeCount: video?.freezeCount ?? 0,
      keyFramesDecoded: video?.keyFramesDecoded ?? 0,
      decoder: video?.decoderImplementation ?? '',
      audioJitterBufferMs: perFrameMs(audio, prevAudio, 'jitterBufferDelay', 'jitterBufferEmittedCount'),
      audioPacketsReceived: audio?.packetsReceived ?? 0,
      audioPacketsLost: audio?.packetsLost ?? 0,
      rttMs: typeof pair?.currentRoundTripTime === 'number' ? pair.currentRoundTripTime * 1000 : undefined,
    };
    this.prev = { video, audio, t: tMs };
    return this.summary;
  }
}
