/**
 * Runs `task` at most once per animation frame however often it is asked for. A timer backs the
 * frame up, because hidden tabs get no animation frames but must still catch up.
 */
export function coalescePerFrame(task: () => void, fallbackMs = 250): { schedule: () => void; cancel: () => void } {
  let frame: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const cancel = () => {
    if (frame !== undefined) cancelAnimationFrame(frame)
    if (timer !== undefined) clearTimeout(timer)
    frame = timer = undefined
  }
  const run = () => {
    cancel()
    task()
  }
  return {
    schedule: () => {
      if (frame !== undefined || timer !== undefined) return
      frame = requestAnimationFrame(run)
      timer = setTimeout(run, fallbackMs)
    },
    cancel,
  }
}
