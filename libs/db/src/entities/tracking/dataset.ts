import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A registered input data set, identified by its content fingerprint and name. */
@Entity({ name: 'datasets' })
@Unique('datasets_fingerprint_name_key', ['fingerprint', 'name'])
@Check('datasets_fingerprint_check', `fingerprint ~ '^[0-9a-f]{64}$'`)
@Check('datasets_counts_check', `row_count >= 0 AND series_count >= 0`)
export class Dataset {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'datasets_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Where the data was read from (a file path or URL), as given. */
  @Column({ type: 'text' })
  path!: string;

  /** sha256 of the file content, lower-case hex. */
  @Column({ type: 'text' })
  fingerprint!: string;

  @Column({ type: 'integer', name: 'row_count' })
  rowCount!: number;

  @Column({ type: 'integer', name: 'series_count' })
  seriesCount!: number;

  /** Inferred or declared frequency, e.g. `D`, `H`, `MS`; null when unknown. */
  @Column({ type: 'text', nullable: true })
  frequency!: string | null;

  @Column({ type: 'integer', name: 'season_length', nullable: true })
  seasonLength!: number | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
