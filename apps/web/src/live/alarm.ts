// A critical incident must be noticed by a coordinator who is on the phone: a short two-tone
// alarm (Web Audio, no file to load) and, when allowed, a system notification.

let audio: AudioContext | undefined;

/** Browsers allow sound only after a user gesture: call this from the "sound on" button. */
export function unlockSound(): void {
  audio ??= new AudioContext();
  void audio.resume();
}

export function soundAlarm(): void {
  if (audio === undefined || audio.state !== "running") return;
  const now = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.22, 660],
    [0.44, 880],
  ] as const) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.25, now + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, now + offset + 0.2);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(now + offset);
    oscillator.stop(now + offset + 0.2);
  }
}

export function notificationsAllowed(): boolean {
  return typeof Notification !== "undefined" && Notification.permission === "granted";
}

export async function askForNotifications(): Promise<boolean> {
  if (typeof Notification === "undefined") return false;
  return (await Notification.requestPermission()) === "granted";
}

export function notify(title: string, body: string): void {
  if (notificationsAllowed()) new Notification(title, { body, tag: "scrutiny-critical" });
}
