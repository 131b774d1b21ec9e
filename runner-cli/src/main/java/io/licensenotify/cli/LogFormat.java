package io.licensenotify.cli;

/** The text format of log lines on stderr ({@code --log-format}, else {@code LOG_FORMAT}). */
public enum LogFormat { text, json }
