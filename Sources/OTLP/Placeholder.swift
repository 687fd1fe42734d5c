// Placeholder so SwiftPM sees the target; replaced by the module's real sources.
