/** Something that schedules its first events when the run begins. */
export interface Startable {
  begin(): void;
}
