package io.drover.core.schedule;

/**
 * A calendar rule: the schedule fires at every local date-time whose fields are all in their
 * sets. {@code month} is 1-12, {@code dayOfWeek} 0-6 with 0 = Sunday. A {@code "cron"} string
 * compiles to this same form.
 */
public record CalendarSpec(
    ValueSet second,
    ValueSet minute,
    ValueSet hour,
    ValueSet dayOfMonth,
    ValueSet month,
    ValueSet year,
    ValueSet dayOfWeek,
    String comment) {}
